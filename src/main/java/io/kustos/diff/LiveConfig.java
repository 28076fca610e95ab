package io.kustos.diff;

import io.kustos.render.ConfigValue;
import io.kustos.render.ObjectKey;

import java.util.Set;
import java.util.SortedMap;

/**
 * A ConfigMap or Secret as the cluster has it, with the fields Kustos's field manager owns.
 *
 * @param ownedEntries     data/binaryData keys Kustos owns (from managedFields)
 * @param ownedLabels      label keys Kustos owns
 * @param ownedAnnotations annotation keys Kustos owns
 * @param resourceVersion  as read, so a prune deletes exactly this object and not one recreated since
 */
public record LiveConfig(ObjectKey key, String type, SortedMap<String, String> labels,
                         SortedMap<String, String> annotations, SortedMap<String, ConfigValue> entries,
                         Set<String> ownedEntries, Set<String> ownedLabels, Set<String> ownedAnnotations, String resourceVersion) {

    public LiveConfig(ObjectKey key, String type, SortedMap<String, String> labels, SortedMap<String, String> annotations,
                      SortedMap<String, ConfigValue> entries, Set<String> ownedEntries, Set<String> ownedLabels, Set<String> ownedAnnotations) {
        this(key, type, labels, annotations, entries, ownedEntries, ownedLabels, ownedAnnotations, null);
    }
}
