package io.kustos.text;

/**
 * Text from outside (a repo file, the cluster, a git remote) shown on one line: every control
 * character (C0, DEL, C1, and the Unicode line and paragraph separators) written as an escape, so
 * that a value with a newline cannot start a forged log line.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** {@code text} with {@code \n}, {@code \r}, {@code \t} and other control characters escaped ({@code \u001b}); null stays null. */
    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(ControlCharacters::isControl)) {
            return text;
        }
        var out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** True if {@code text} holds a character {@link #escape} would escape. */
    public static boolean contains(String text) {
        return text.chars().anyMatch(ControlCharacters::isControl);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
