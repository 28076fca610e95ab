package io.kustos.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's resident memory over the soak, sampled after a full GC every few commits: the mean
 * of the first and of the last quarter of the commits, the least-squares slope, and whether it is
 * flat: the last quarter's mean at most {@link #TOLERANCE} above the first quarter's.
 */
final class RssTrend {
    /** 10 %: what "flat" allows between the first and the last quarter. */
    static final double TOLERANCE = 0.10;

    record Sample(int commit, double mib) {
    }

    private final List<Sample> samples = new ArrayList<>();

    void add(int commit, double mib) {
        samples.add(new Sample(commit, mib));
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    boolean measured() {
        return samples.size() >= 4;
    }

    double firstQuarter() {
        return mean(0, 0.25);
    }

    double lastQuarter() {
        return mean(0.75, 1.0 + 1e-9);
    }

    /** MiB per 100 commits, least squares over every sample. */
    double slopePer100() {
        double n = samples.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Sample s : samples) {
            sx += s.commit();
            sy += s.mib();
            sxx += (double) s.commit() * s.commit();
            sxy += s.commit() * s.mib();
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : 100 * (n * sxy - sx * sy) / d;
    }

    boolean flat() {
        return measured() && lastQuarter() <= firstQuarter() * (1 + TOLERANCE);
    }

    Map<String, Object> json() {
        var m = new LinkedHashMap<String, Object>();
        m.put("samples", samples.stream().map(s -> List.of(s.commit(), Math.round(s.mib() * 10) / 10.0)).toList());
        if (measured()) {
            m.put("firstQuarterMeanMiB", round(firstQuarter()));
            m.put("lastQuarterMeanMiB", round(lastQuarter()));
            m.put("slopeMiBPer100Commits", round(slopePer100()));
            m.put("tolerance", TOLERANCE);
            m.put("flat", flat());
        }
        return m;
    }

    private double mean(double from, double to) {
        int last = samples.get(samples.size() - 1).commit();
        int first = samples.get(0).commit();
        double span = Math.max(1, last - first);
        return samples.stream().filter(s -> (s.commit() - first) / span >= from && (s.commit() - first) / span < to)
                .mapToDouble(Sample::mib).average().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
