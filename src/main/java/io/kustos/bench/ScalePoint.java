package io.kustos.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one measurement of the scale scenario: one cluster, one count of environments, one count of replicas. */
record ScalePoint(String cluster, int environments, int replicas, Map<String, Double> figures) {
    static final String COLD = "cold apply: start to all in sync (s)";
    static final String COLD_REQUESTS = "cold apply: requests";
    static final String COLD_LEASES = "cold apply: of which Leases";
    /** The first polls after the cold apply: they start the daemon's watch caches (a list per kind and namespace). */
    static final String CACHES_START = "watch caches start: requests per env, Leases apart";
    static final String NOOP_REQUESTS = "no-op: requests per round, Leases apart";
    static final String NOOP_READS = "no-op: of which reads";
    static final String NOOP_GIT_MS = "no-op: git poll per poll (ms)";
    static final String NOOP_CPU_MS = "no-op: CPU per round, all replicas (ms)";
    static final String LEASES_PER_SECOND = "idle: Lease requests per s";
    static final String RSS_MAX = "RSS per replica, max (MiB)";
    static final String RSS_SUM = "RSS all replicas (MiB)";
    static final String OWNED_MAX = "environments per replica, max";
    static final String TAKEOVER = "takeover after kill -9 (s)";
    static final String TAKEN_OVER = "environments taken over";
    /** Conditions of the measurement, not figures of Kustos: requests others sent the server, and the machine's load. */
    static final String BACKGROUND = "background requests per s, before start";
    static final String LOAD = "load average (1 min) at start";

    ScalePoint(String cluster, int environments, int replicas) {
        this(cluster, environments, replicas, new LinkedHashMap<>());
    }

    ScalePoint with(String figure, double value) {
        figures.put(figure, value);
        return this;
    }
}
