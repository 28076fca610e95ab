package io.kustos.decrypt.sops;

import java.nio.charset.StandardCharsets;

/** The byte form of a plaintext value as sops writes it into ciphertexts and the MAC. */
public final class PlainValues {
    private PlainValues() {
    }

    /** sops's {@code ToBytes}: strings as UTF-8, ints in decimal, floats without exponent, bools Titlecase. */
    public static byte[] toBytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        return text(value).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return formatFloat(d);
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Comment c) {
            return c.value();
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("not a plaintext value: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest decimal, no exponent. */
    public static String formatFloat(double v) {
        return GoFloats.plain(v);
    }

    /** The sops type word of a plaintext value. */
    public static String typeOf(Object value) {
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof Comment) {
            return "comment";
        }
        throw new IllegalArgumentException("not a plaintext value: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** Go's {@code strconv.ParseBool}; null when the text is not a bool. */
    static Boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
            case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** Go's {@code strconv.ParseFloat} for the forms sops writes; throws NumberFormatException. */
    static double parseFloat(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!t.matches("[+-]?(\\d[\\d_]*)?(\\.\\d*)?(e[+-]?\\d+)?") || t.matches("[+-]?\\.?(e.*)?")) {
                    throw new NumberFormatException("not a float");
                }
                yield Double.parseDouble(s.replace("_", ""));
            }
        };
    }
}
