package io.kustos.decrypt.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.InflaterInputStream;

/**
 * One file of the age testkit (C2SP CCTV): {@code key: value} header lines, a blank line, then the
 * age file, zlib-compressed when {@code compressed: zlib}.
 */
record TestkitVector(String name, String expect, String payloadSha256, List<String> identities,
                     List<String> passphrases, boolean armored, byte[] file) {

    static TestkitVector read(Path path) {
        try {
            byte[] raw = Files.readAllBytes(path);
            String expect = null;
            String payload = null;
            boolean armored = false;
            boolean zlib = false;
            List<String> identities = new ArrayList<>();
            List<String> passphrases = new ArrayList<>();
            int pos = 0;
            while (true) {
                int nl = indexOf(raw, pos);
                String line = new String(raw, pos, nl - pos, StandardCharsets.UTF_8);
                pos = nl + 1;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(": ");
                String key = line.substring(0, colon);
                String value = line.substring(colon + 2);
                switch (key) {
                    case "expect" -> expect = value;
                    case "payload" -> payload = value;
                    case "identity" -> identities.add(value);
                    case "passphrase" -> passphrases.add(value);
                    case "armored" -> armored = value.equals("yes");
                    case "compressed" -> zlib = value.equals("zlib");
                    default -> { } // file key, comment
                }
            }
            byte[] file = Arrays.copyOfRange(raw, pos, raw.length);
            if (zlib) {
                try (var in = new InflaterInputStream(new ByteArrayInputStream(file))) {
                    file = in.readAllBytes();
                }
            }
            return new TestkitVector(path.getFileName().toString(), expect, payload, identities, passphrases,
                    armored, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("testkit file without a blank line after its header");
    }

    @Override
    public String toString() {
        return name;
    }
}
