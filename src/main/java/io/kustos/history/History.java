package io.kustos.history;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A target's state and its records, newest first.
 *
 * @param resourceVersion of the ConfigMap it was read from (null: there is none yet); a save from
 *                        a stale read is detected and merged instead of overwriting
 * @param parts           record number to the part ConfigMaps that hold it, for the records kept
 *                        outside the kustos-history ConfigMap ({@link HistoryParts})
 * @param unnamedParts    part ConfigMaps of this environment listed with it that it does not name, by name, with when they
 *                        were created: left by a writer killed between writing them and the kustos-history ConfigMap, or
 *                        a concurrent writer's still in flight
 */
public record History(TargetState state, List<HistoryRecord> records, String resourceVersion, Map<Long, List<String>> parts,
                      Map<String, java.time.Instant> unnamedParts) {
    public History {
        records = records.stream().sorted(Comparator.comparingLong(HistoryRecord::number).reversed()).toList();
        parts = parts == null ? Map.of() : Map.copyOf(parts);
        unnamedParts = unnamedParts == null ? Map.of() : Map.copyOf(unnamedParts);
    }

    public History(TargetState state, List<HistoryRecord> records, String resourceVersion, Map<Long, List<String>> parts) {
        this(state, records, resourceVersion, parts, Map.of());
    }

    public History(TargetState state, List<HistoryRecord> records, String resourceVersion) {
        this(state, records, resourceVersion, Map.of());
    }

    public History(TargetState state, List<HistoryRecord> records) {
        this(state, records, null);
    }

    public static final History EMPTY = new History(TargetState.EMPTY, List.of(), null);

    public long nextNumber() {
        return records.isEmpty() ? 1 : records.get(0).number() + 1;
    }

    public java.util.Optional<HistoryRecord> find(long number) {
        return records.stream().filter(r -> r.number() == number).findFirst();
    }

    /**
     * Whether a record like {@code added} (same revisions, same outcome) was written by someone
     * else since {@code readAt} was read: a writer that raced this one recorded the revision already.
     */
    boolean recordedSince(History readAt, HistoryRecord added) {
        return records.stream().anyMatch(r -> r.number() >= readAt.nextNumber() && r.outcome() == added.outcome()
                && r.config().equals(added.config()) && r.releases().equals(added.releases()));
    }
}
