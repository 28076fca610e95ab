package io.kustos.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Flux and Go write them ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1.5h}; units ns, us, µs, ms, s, m, h) and as ISO-8601 ({@code PT5M}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /** The duration {@code text} stands for (may be zero or negative), or empty if it is not one. */
    public static Optional<Duration> parse(String text) {
        String s = text.strip();
        int signLength = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        String unsigned = s.substring(signLength);
        if (unsigned.startsWith("P") || unsigned.startsWith("p")) {
            return iso(s);
        }
        Optional<BigDecimal> nanos = unsigned.equals("0") ? Optional.of(BigDecimal.ZERO) : goNanos(unsigned);
        return nanos.map(n -> Duration.ofNanos(s.startsWith("-") ? -n.longValueExact() : n.longValueExact()));
    }

    /**
     * {@code d} as kustos.yaml and Go write it, for people: {@code 30s}, {@code 1m30s}, {@code 2h},
     * {@code 1.5s}, {@code 250ms}, {@code 0s} (never ISO-8601's {@code PT30S}).
     */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return new BigDecimal(d.toNanos()).movePointLeft(6).stripTrailingZeros().toPlainString() + "ms";
        }
        var out = new StringBuilder();
        if (d.toHours() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9));
        if (seconds.signum() > 0) {
            out.append(seconds.stripTrailingZeros().toPlainString()).append('s');
        }
        return out.toString();
    }

    private static Optional<Duration> iso(String s) {
        try {
            return Optional.of(Duration.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> goNanos(String s) {
        Matcher m = PART.matcher(s);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            m.region(at, s.length());
            if (!m.lookingAt()) {
                return Optional.empty();
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
            at = m.end();
        }
        if (at == 0 || total.compareTo(MAX_NANOS) > 0) {
            return Optional.empty();
        }
        return Optional.of(total.setScale(0, RoundingMode.DOWN));
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalStateException("unit " + unit);
        };
    }
}
