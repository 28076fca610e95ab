package io.kustos.history;

import java.util.Comparator;
import java.util.List;

/**
 * A target's state and its records, newest first.
 *
 * @param resourceVersion of the ConfigMap it was read from (null: there is none yet); a save from
 *                        a stale read is detected and merged instead of overwriting
 */
public record History(TargetState state, List<HistoryRecord> records, String resourceVersion) {
    public History {
        records = records.stream().sorted(Comparator.comparingLong(HistoryRecord::number).reversed()).toList();
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
}
