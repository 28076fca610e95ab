package io.kustos.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The measurements of one metric: median, min, max and percentiles (nearest rank). */
public final class Samples {
    private final String unit;
    private final List<Double> values = new ArrayList<>();

    public Samples(String unit) {
        this.unit = unit;
    }

    public void add(double v) {
        values.add(v);
    }

    public String unit() {
        return unit;
    }

    public int count() {
        return values.size();
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    public double median() {
        return percentile(50);
    }

    public double min() {
        return Collections.min(values);
    }

    public double max() {
        return Collections.max(values);
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    public double percentile(double p) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
