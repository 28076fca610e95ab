package io.kustos.history;

import java.util.Comparator;
import java.util.List;

/** A target's state and its records, newest first. */
public record History(TargetState state, List<HistoryRecord> records) {
    public History {
        records = records.stream().sorted(Comparator.comparingLong(HistoryRecord::number).reversed()).toList();
    }

    public static final History EMPTY = new History(TargetState.EMPTY, List.of());

    public long nextNumber() {
        return records.isEmpty() ? 1 : records.get(0).number() + 1;
    }

    public java.util.Optional<HistoryRecord> find(long number) {
        return records.stream().filter(r -> r.number() == number).findFirst();
    }
}
