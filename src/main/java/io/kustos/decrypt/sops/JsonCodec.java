package io.kustos.decrypt.sops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** JSON as sops reads and writes it: one top-level object, key order kept, tab indentation. */
final class JsonCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(8 * 1024 * 1024).build())
            .build();

    private JsonCodec() {
    }

    static Branch read(byte[] in, String file) {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SopsException(file, "", SopsException.Kind.FORMAT, "a JSON file must hold one top-level object");
            }
            Branch b = object(p, file, "");
            if (p.nextToken() != null) {
                throw new SopsException(file, "", SopsException.Kind.FORMAT, "text after the top-level JSON object");
            }
            return b;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "malformed JSON"
                    + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
        } catch (IOException e) {
            throw new SopsException(file, "", SopsException.Kind.FORMAT, "malformed JSON");
        }
    }

    private static Branch object(JsonParser p, String file, String path) throws IOException {
        Branch b = new Branch();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String at = path.isEmpty() ? key : path + ":" + key;
            if (!seen.add(key)) {
                throw new SopsException(file, at, SopsException.Kind.FORMAT, "duplicate key");
            }
            p.nextToken();
            b.put(key, value(p, file, at));
        }
        return b;
    }

    private static Object value(JsonParser p, String file, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new SopsException(file, path, SopsException.Kind.FORMAT, "truncated JSON");
        }
        return switch (t) {
            case START_OBJECT -> object(p, file, path);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, file, path));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new SopsException(file, path, SopsException.Kind.FORMAT, "unexpected JSON token");
        };
    }

    static byte[] write(Branch b) {
        StringBuilder out = new StringBuilder();
        write(out, b, 0);
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object v, int depth) {
        if (v instanceof Branch b) {
            List<Branch.Entry> entries = b.entries().stream().filter(e -> e.key() instanceof String).toList();
            if (entries.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            for (int i = 0; i < entries.size(); i++) {
                out.append("\t".repeat(depth + 1)).append(string((String) entries.get(i).key())).append(": ");
                write(out, entries.get(i).value(), depth + 1);
                out.append(i < entries.size() - 1 ? ",\n" : "\n");
            }
            out.append("\t".repeat(depth)).append('}');
        } else if (v instanceof List<?> l) {
            List<?> items = l.stream().filter(x -> !(x instanceof Comment)).toList();
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < items.size(); i++) {
                out.append("\t".repeat(depth + 1));
                write(out, items.get(i), depth + 1);
                out.append(i < items.size() - 1 ? ",\n" : "\n");
            }
            out.append("\t".repeat(depth)).append(']');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            out.append(v);
        } else if (v instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? string(PlainValues.formatFloat(d)) : GoFloats.json(d));
        } else if (v instanceof byte[] bytes) {
            out.append(string(new String(bytes, StandardCharsets.UTF_8)));
        } else {
            out.append(string(PlainValues.text(v)));
        }
    }

    private static String string(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
