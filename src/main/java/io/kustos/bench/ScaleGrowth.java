package io.kustos.bench;

import java.util.Map;
import java.util.OptionalDouble;

/** How a figure grows with the number of environments: the least-squares slope of its values over the counts measured. */
final class ScaleGrowth {
    private ScaleGrowth() {
    }

    /** @param byEnvironments value by count of environments; empty below two distinct counts (no slope to draw) */
    static OptionalDouble perEnvironment(Map<Integer, Double> byEnvironments) {
        if (byEnvironments.size() < 2) {
            return OptionalDouble.empty();
        }
        double n = byEnvironments.size();
        double meanX = byEnvironments.keySet().stream().mapToDouble(Integer::doubleValue).sum() / n;
        double meanY = byEnvironments.values().stream().mapToDouble(Double::doubleValue).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (var e : byEnvironments.entrySet()) {
            double dx = e.getKey() - meanX;
            sxy += dx * (e.getValue() - meanY);
            sxx += dx * dx;
        }
        return OptionalDouble.of(sxy / sxx);
    }
}
