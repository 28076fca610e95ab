package io.kustos.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every metric measured, by cluster ("embedded", "realkube", or "local" for what needs none), scenario and metric name. */
public final class Results {
    private final Map<String, Map<String, Map<String, Samples>>> byCluster = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    public void add(String cluster, String scenario, String metric, String unit, double value) {
        byCluster.computeIfAbsent(cluster, c -> new LinkedHashMap<>())
                .computeIfAbsent(scenario, s -> new LinkedHashMap<>())
                .computeIfAbsent(metric, m -> new Samples(unit)).add(value);
    }

    public Samples get(String cluster, String scenario, String metric) {
        var s = byCluster.getOrDefault(cluster, Map.of()).getOrDefault(scenario, Map.of()).get(metric);
        return s == null || s.count() == 0 ? null : s;
    }

    public Map<String, Map<String, Map<String, Samples>>> all() {
        return byCluster;
    }

    /** A note printed with the results and kept in the JSON, e.g. what was not measured and why. */
    public void note(String key, String text) {
        notes.put(key, text);
    }

    public Map<String, String> notes() {
        return notes;
    }
}
