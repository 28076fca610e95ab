package io.kustos.live;

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
 * @param entryManagers    data/binaryData keys that other field managers own, with their names (say {@code kubectl-patch}):
 *                         who changed a key that drifted
 */
public record LiveConfig(ObjectKey key, String type, SortedMap<String, String> labels,
                         SortedMap<String, String> annotations, SortedMap<String, ConfigValue> entries,
                         Set<String> ownedEntries, Set<String> ownedLabels, Set<String> ownedAnnotations, String resourceVersion,
                         SortedMap<String, java.util.SortedSet<String>> entryManagers) {

    public LiveConfig(ObjectKey key, String type, SortedMap<String, String> labels, SortedMap<String, String> annotations,
                      SortedMap<String, ConfigValue> entries, Set<String> ownedEntries, Set<String> ownedLabels, Set<String> ownedAnnotations,
                      String resourceVersion) {
        this(key, type, labels, annotations, entries, ownedEntries, ownedLabels, ownedAnnotations, resourceVersion, new java.util.TreeMap<>());
    }

    public LiveConfig(ObjectKey key, String type, SortedMap<String, String> labels, SortedMap<String, String> annotations,
                      SortedMap<String, ConfigValue> entries, Set<String> ownedEntries, Set<String> ownedLabels, Set<String> ownedAnnotations) {
        this(key, type, labels, annotations, entries, ownedEntries, ownedLabels, ownedAnnotations, null);
    }
}
