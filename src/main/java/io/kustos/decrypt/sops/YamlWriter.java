package io.kustos.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes {@link Branch}es as YAML the way sops does (go-yaml v3, indent 4): lists indented under
 * their key, multi-line strings as literal blocks, strings quoted when a YAML 1.1 or 1.2 reader
 * would take them for something else, comments as {@code #} lines, documents separated by
 * {@code ---}.
 */
final class YamlWriter {
    private static final int INDENT = 4;
    private final StringBuilder out = new StringBuilder();

    static byte[] write(List<Branch> docs) {
        var w = new YamlWriter();
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                w.out.append("---\n");
            }
            Branch b = docs.get(i);
            if (b.entries().isEmpty()) {
                w.out.append("{}\n");
            } else {
                w.branch(b, 0, null);
            }
        }
        return w.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param firstPrefix when not null, the first line starts with it ("- ") instead of indentation
     */
    private void branch(Branch b, int indent, String firstPrefix) {
        List<Comment> inline = new ArrayList<>();
        boolean first = true;
        for (Branch.Entry e : b.entries()) {
            if (e.key() instanceof Comment c) {
                if (c.inline()) {
                    inline.add(c);
                } else {
                    first = startLine(indent, first, firstPrefix);
                    out.append('#').append(c.value()).append('\n');
                }
                continue;
            }
            first = startLine(indent, first, firstPrefix);
            out.append(key((String) e.key())).append(':');
            // inside a list item, go-yaml indents the item's children from the dash
            value(e.value(), firstPrefix == null ? indent + INDENT : indent - firstPrefix.length() + INDENT, inline);
            inline.clear();
        }
        for (Comment c : inline) {
            first = startLine(indent, first, firstPrefix);
            out.append('#').append(c.value()).append('\n');
        }
        if (first && firstPrefix != null) {
            out.append(" ".repeat(indent - 2)).append(firstPrefix).append("{}\n");
        }
    }

    private boolean startLine(int indent, boolean first, String firstPrefix) {
        if (first && firstPrefix != null) {
            out.append(" ".repeat(indent - firstPrefix.length())).append(firstPrefix);
        } else {
            out.append(" ".repeat(indent));
        }
        return false;
    }

    /** After "key:" or "-": the value, on this line or, indented by {@code inner}, below. */
    private void value(Object v, int inner, List<Comment> inline) {
        String suffix = inline.isEmpty() ? "" : " #" + String.join(" #", inline.stream().map(Comment::value).toList());
        if (v instanceof Branch b && !b.entries().isEmpty()) {
            out.append(suffix).append('\n');
            branch(b, inner, null);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            out.append(suffix).append('\n');
            list(l, inner);
        } else if (v instanceof String s && s.contains("\n") && literalOk(s)) {
            String chomp = s.endsWith("\n") ? (s.endsWith("\n\n") ? "+" : "") : "-";
            out.append(" |").append(chomp).append(suffix).append('\n');
            String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
            for (String line : body.split("\n", -1)) {
                out.append(line.isEmpty() ? "" : " ".repeat(inner) + line).append('\n');
            }
        } else {
            out.append(' ').append(scalar(v)).append(suffix).append('\n');
        }
    }

    private void list(List<?> l, int indent) {
        List<Comment> inline = new ArrayList<>();
        for (Object item : l) {
            if (item instanceof Comment c) {
                if (c.inline()) {
                    inline.add(c);
                } else {
                    out.append(" ".repeat(indent)).append('#').append(c.value()).append('\n');
                }
                continue;
            }
            if (item instanceof Branch b && !b.entries().isEmpty()) {
                branch(b, indent + 2, "- ");
            } else if (item instanceof List<?> inner && !inner.isEmpty()) {
                out.append(" ".repeat(indent)).append('-');
                out.append('\n');
                list(inner, indent + INDENT);
            } else {
                out.append(" ".repeat(indent)).append('-');
                value(item, indent + INDENT, inline);
            }
            inline.clear();
        }
        for (Comment c : inline) {
            out.append(" ".repeat(indent)).append('#').append(c.value()).append('\n');
        }
    }

    private static boolean literalOk(String s) {
        if (s.startsWith(" ") || s.startsWith("\n")) {
            return false;
        }
        for (char c : s.toCharArray()) {
            if ((c < 0x20 && c != '\n') || c == 0x7f) {
                return false;
            }
        }
        for (String line : s.split("\n")) {
            if (line.endsWith(" ")) {
                return false;
            }
        }
        return true;
    }

    private static String key(String k) {
        return YamlScalars.needsQuotes(k) ? quote(k) : k;
    }

    static String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Branch) {
            return "{}";
        }
        if (v instanceof List<?>) {
            return "[]";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return GoFloats.yaml(d);
        }
        if (v instanceof byte[] bytes) {
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                return scalar(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
            } catch (java.nio.charset.CharacterCodingException e) {
                return "!!binary " + Base64.getEncoder().encodeToString(bytes);
            }
        }
        if (v instanceof Comment c) {
            return scalar(c.value());
        }
        String s = (String) v;
        return YamlScalars.needsQuotes(s) ? quote(s) : s;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
