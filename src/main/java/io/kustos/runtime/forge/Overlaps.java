package io.kustos.runtime.forge;

import io.kustos.reconcile.preview.ChangedItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The conflict rule between open pull requests: two conflict on each item both would change in
 * the same environment, a key of one ConfigMap or Secret, or one workload's version. Whether one
 * adds the key and the other changes or removes it does not matter, nor do the values (they are
 * not kept): two people editing one config item is the question, not whether they agree.
 */
final class Overlaps {
    private Overlaps() {
    }

    /**
     * @param pr      the pull request whose conflicts are asked for
     * @param changes each open pull request's items (its own included), in the order to name them
     * @return for each item of {@code pr} that another pull request changes too, those others; nothing else
     */
    static <K> SortedMap<ChangedItem, List<K>> of(K pr, Map<K, ? extends Set<ChangedItem>> changes) {
        var conflicts = new TreeMap<ChangedItem, List<K>>();
        Set<ChangedItem> mine = changes.containsKey(pr) ? changes.get(pr) : Set.of();
        changes.forEach((other, theirs) -> {
            if (!other.equals(pr)) {
                theirs.stream().filter(mine::contains).forEach(item -> conflicts.computeIfAbsent(item, i -> new ArrayList<>()).add(other));
            }
        });
        return conflicts;
    }
}
