package io.kustos.history;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of a long change set: how many objects per kind and action ({@code "Secret created": 120}),
 * kept beside the full object list so {@code kustos history} can say in one line what a revision of
 * hundreds of objects did. A short change set (at most {@link #SHORT} objects) gets none: its list says it.
 */
public final class ChangeCounts {
    /** Up to this many objects, a record is read from its list alone. */
    public static final int SHORT = 20;

    private ChangeCounts() {
    }

    static Map<String, Integer> of(List<HistoryRecord.ObjectRecord> objects) {
        if (objects == null || objects.size() <= SHORT) {
            return Map.of();
        }
        var counts = new TreeMap<String, Integer>();
        objects.forEach(o -> counts.merge(o.kind() + " " + o.action(), 1, Integer::sum));
        return counts;
    }

    /** {@code 120 Secret created, 1 Deployment image} */
    public static String describe(Map<String, Integer> counts) {
        var out = new StringBuilder();
        counts.forEach((what, n) -> out.append(out.isEmpty() ? "" : ", ").append(n).append(' ').append(what));
        return out.toString();
    }
}
