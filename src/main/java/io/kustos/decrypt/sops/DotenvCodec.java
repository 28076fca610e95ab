package io.kustos.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** dotenv as sops reads it: {@code KEY=value} lines ({@code \n} escapes a newline), {@code #} comment lines. */
final class DotenvCodec {
    private DotenvCodec() {
    }

    static Branch read(byte[] in, String file) {
        Branch b = new Branch();
        String[] lines = new String(in, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                b.put(new Comment(line.substring(1)), null);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new SopsException(file, "", SopsException.Kind.FORMAT, "line " + (i + 1) + " is not KEY=value");
            }
            b.put(line.substring(0, eq), line.substring(eq + 1).replace("\\n", "\n"));
        }
        return b;
    }

    static byte[] write(Branch b, String file) {
        StringBuilder out = new StringBuilder();
        for (Branch.Entry e : b.entries()) {
            if (e.key() instanceof Comment c) {
                out.append('#').append(c.value()).append('\n');
                continue;
            }
            Object v = e.value();
            if (v instanceof Branch || v instanceof List<?>) {
                throw new SopsException(file, (String) e.key(), SopsException.Kind.FORMAT,
                        "a dotenv file holds only flat KEY=value pairs, not nested values");
            }
            String text = v == null ? "" : PlainValues.text(v);
            out.append(e.key()).append('=').append(text.replace("\n", "\\n")).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
