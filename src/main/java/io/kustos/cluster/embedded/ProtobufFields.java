package io.kustos.cluster.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Field numbers, names and types of the Kubernetes protobuf messages the embedded cluster can
 * decode, read from {@code protobuf-fields.txt} (made by tools/gen-protobuf-schema.py).
 */
final class ProtobufFields {

    /** One field: {@code label} is one, many or map (map values have type {@code type}). */
    record Field(int number, String name, String label, String type) {
    }

    private static final ProtobufFields INSTANCE = load();

    private final Map<String, Map<Integer, Field>> messages;

    private ProtobufFields(Map<String, Map<Integer, Field>> messages) {
        this.messages = messages;
    }

    static ProtobufFields get() {
        return INSTANCE;
    }

    Field field(String message, int number) {
        Map<Integer, Field> fields = messages.get(message);
        return fields == null ? null : fields.get(number);
    }

    boolean knows(String message) {
        return messages.containsKey(message);
    }

    private static ProtobufFields load() {
        Map<String, Map<Integer, Field>> messages = new HashMap<>();
        try (InputStream in = ProtobufFields.class.getResourceAsStream("protobuf-fields.txt")) {
            if (in == null) {
                throw new IllegalStateException("protobuf-fields.txt missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<Integer, Field> current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] p = line.split(" ");
                if (line.startsWith("M ")) {
                    current = messages.computeIfAbsent(p[1], k -> new HashMap<>());
                } else if (line.startsWith("F ") && current != null) {
                    int number = Integer.parseInt(p[1]);
                    current.put(number, new Field(number, p[2], p[3], p[4]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProtobufFields(messages);
    }
}
