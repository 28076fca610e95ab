package io.kustos.runtime.shard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names seen within the last {@code keep} (replicas, Lease holders), each with when it was last seen: older ones are
 * forgotten at the next {@link #see}, so that a daemon that runs for months keeps only what is recent (pod names change
 * at every rollout).
 */
final class RecentlySeen {
    private final Duration keep;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    RecentlySeen(Duration keep) {
        this.keep = keep;
    }

    /** Remembers {@code name} as seen {@code now}; @return whether it was not seen within {@code keep} before. */
    boolean see(String name, Instant now) {
        Instant cutoff = now.minus(keep);
        Instant before = lastSeen.put(name, now);
        lastSeen.values().removeIf(t -> t.isBefore(cutoff));
        return before == null || before.isBefore(cutoff);
    }

    boolean contains(String name) {
        return lastSeen.containsKey(name);
    }

    boolean isEmpty() {
        return lastSeen.isEmpty();
    }

    /** What it remembers, in name order. */
    List<String> names() {
        return lastSeen.keySet().stream().sorted().toList();
    }
}
