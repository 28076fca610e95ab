package io.kustos.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** Durations written as Go and Flux write them ({@code 500ms}, {@code 30s}, {@code 1h30m}) or ISO-8601 ({@code PT5M}). */
public final class DurationText {
    private static final Pattern GO = Pattern.compile("(\\d+(ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private DurationText() {
    }

    /** @throws IllegalArgumentException when the text is not a duration */
    public static Duration parse(String text) {
        String t = text.strip();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(notDuration(text));
            }
        }
        if (!GO.matcher(t).matches()) {
            throw new IllegalArgumentException(notDuration(text));
        }
        Duration d = Duration.ZERO;
        var m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return d;
    }

    /** {@code 1h30m}, {@code 45s}, {@code 250ms}: the inverse of {@link #parse} for display. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 && d.getSeconds() == 0) {
            return d.toMillis() + "ms";
        }
        var sb = new StringBuilder();
        if (d.toHours() > 0) {
            sb.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || sb.length() == 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }

    private static String notDuration(String text) {
        return '"' + text + "\" is not a duration (use e.g. 30s, 5m, 1h30m)";
    }
}
