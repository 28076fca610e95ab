package io.kustos.bench;

/** One value from a Prometheus text exposition, such as a daemon's {@code /metrics}. */
final class PrometheusText {
    private PrometheusText() {
    }

    /** The value of the first sample named {@code name} (any labels), or 0 when there is none. */
    static double value(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
