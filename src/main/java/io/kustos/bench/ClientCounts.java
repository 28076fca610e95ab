package io.kustos.bench;

import java.util.Optional;
import java.util.regex.Pattern;

/** The request counts Kustos reports itself ({@code api requests: …} of {@code kustos apply}, or its RequestCounter). */
record ClientCounts(long reads, long dryRuns, long writes, long records) {
    private static final Pattern LINE = Pattern.compile("api requests: (\\d+) reads?, (\\d+) dry runs?, (\\d+) writes?, (\\d+) records?");

    static Optional<ClientCounts> parse(String stdout) {
        var m = LINE.matcher(stdout);
        return m.find() ? Optional.of(new ClientCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)))) : Optional.empty();
    }

    static ClientCounts of(io.kustos.cluster.RequestCounter c) {
        return new ClientCounts(c.reads(), c.dryRuns(), c.writes(), c.records());
    }

    void addTo(Results results, String cluster, String scenario) {
        results.add(cluster, scenario, "kustos says: object writes", "req", writes);
        results.add(cluster, scenario, "kustos says: dry runs", "req", dryRuns);
        results.add(cluster, scenario, "kustos says: reads", "req", reads);
        results.add(cluster, scenario, "kustos says: records (events, history)", "req", records);
    }
}
