package io.kustos.decrypt.sops;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Types YAML scalars as sops (go-yaml v3, YAML 1.2 core) does: untagged plain scalars become null,
 * bool, int, float or string; quoted ones strings; explicit tags are honoured ({@code !!binary}
 * gives bytes).
 */
final class YamlScalars {
    private static final Resolver YAML11 = new Resolver();
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private YamlScalars() {
    }

    static Object value(ScalarNode n) {
        String text = n.getValue();
        boolean plain = n.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
        boolean implicit = n.getTag().equals(YAML11.resolve(NodeId.scalar, text, true))
                || (!plain && n.getTag().equals(Tag.STR));
        if (implicit) {
            return plain ? plain(text) : text;
        }
        Tag tag = n.getTag();
        if (tag.equals(Tag.BINARY)) {
            return Base64.getMimeDecoder().decode(text);
        }
        if (tag.equals(Tag.INT) && INT.matcher(text).matches()) {
            return parseInt(text);
        }
        if (tag.equals(Tag.FLOAT) && FLOAT.matcher(text).matches()) {
            return parseFloat(text);
        }
        if (tag.equals(Tag.BOOL) && BOOL.matcher(text).matches()) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        return text;
    }

    static Object plain(String text) {
        if (NULL.matcher(text).matches()) {
            return null;
        }
        if (BOOL.matcher(text).matches()) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (INT.matcher(text).matches()) {
            try {
                return parseInt(text);
            } catch (NumberFormatException e) {
                return parseFloat(text);
            }
        }
        if (FLOAT.matcher(text).matches()) {
            return parseFloat(text);
        }
        return text;
    }

    /** Whether a string must be quoted so that YAML 1.1 and 1.2 readers both read it back as that string. */
    static boolean needsQuotes(String s) {
        if (s.isEmpty() || !s.strip().equals(s)) {
            return true;
        }
        if (!YAML11.resolve(NodeId.scalar, s, true).equals(Tag.STR) || !(plain(s) instanceof String)) {
            return true;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
            return true;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.startsWith("---") || s.startsWith("...")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                return true;
            }
        }
        return false;
    }

    private static long parseInt(String text) {
        if (text.startsWith("0x")) {
            return Long.parseLong(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return Long.parseLong(text.substring(2), 8);
        }
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    }

    private static double parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }
}
