package io.kustos.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * INI as sops reads it: each section is a top-level key whose value is a mapping of its keys;
 * comment lines ({@code ;} or {@code #}) before a section or key are kept as comments.
 */
final class IniCodec {
    private IniCodec() {
    }

    static Branch read(byte[] in, String file) {
        Branch root = new Branch();
        Branch section = null;
        List<String> pending = new ArrayList<>();
        String[] lines = new String(in, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(";") || line.startsWith("#")) {
                pending.add(line.replaceFirst("^[;#][;# ]*", ""));
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new SopsException(file, "", SopsException.Kind.FORMAT, "line " + (i + 1) + ": unclosed section header");
                }
                String name = line.substring(1, line.length() - 1).strip();
                section = new Branch();
                if (!pending.isEmpty()) {
                    section.put(new Comment(String.join("\n", pending)), null);
                    pending.clear();
                }
                root.put(name, section);
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
            if (sep < 0) {
                throw new SopsException(file, "", SopsException.Kind.FORMAT, "line " + (i + 1) + " is not key = value");
            }
            if (section == null) {
                section = new Branch();
                root.put("DEFAULT", section);
            }
            String key = line.substring(0, sep).strip();
            String value = line.substring(sep + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            section.put(key, value);
            if (!pending.isEmpty()) {
                section.put(new Comment(String.join("\n", pending)), null);
                pending.clear();
            }
        }
        return root;
    }

    static byte[] write(Branch root, String file) {
        StringBuilder out = new StringBuilder();
        for (Branch.Entry e : root.entries()) {
            if (!(e.key() instanceof String name)) {
                continue;
            }
            if (!(e.value() instanceof Branch section)) {
                throw new SopsException(file, name, SopsException.Kind.FORMAT, "an INI file holds only sections of key = value pairs");
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            List<Branch.Entry> entries = section.entries();
            int first = 0;
            if (!entries.isEmpty() && entries.get(0).key() instanceof Comment c) {
                comment(out, c);
                first = 1;
            }
            out.append('[').append(name).append("]\n");
            for (int i = first; i < entries.size(); i++) {
                Branch.Entry kv = entries.get(i);
                if (kv.key() instanceof Comment c) {
                    comment(out, c);
                    continue;
                }
                if (kv.value() instanceof Branch || kv.value() instanceof List<?>) {
                    throw new SopsException(file, name + ":" + kv.key(), SopsException.Kind.FORMAT, "INI values cannot be nested");
                }
                // sops keeps a key's comment after the key; INI wants it before
                if (i + 1 < entries.size() && entries.get(i + 1).key() instanceof Comment c) {
                    comment(out, c);
                    i++;
                }
                out.append(kv.key()).append(" = ").append(kv.value() == null ? "" : PlainValues.text(kv.value())).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void comment(StringBuilder out, Comment c) {
        for (String line : c.value().split("\n")) {
            out.append("; ").append(line).append('\n');
        }
    }
}
