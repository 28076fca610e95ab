package io.kustos.live;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads from {@code metadata.managedFields} which keys a field manager owns. */
public final class OwnedFields {
    /** Kustos's own field manager: what it applies, and so what it owns and compares. */
    public static final String KUSTOS = "kustos";

    private final List<Map<String, Object>> sets;

    private OwnedFields(List<Map<String, Object>> sets) {
        this.sets = sets;
    }

    @SuppressWarnings("unchecked")
    static OwnedFields of(ObjectMeta meta, String manager) {
        List<ManagedFieldsEntry> entries = meta.getManagedFields();
        if (entries == null) {
            return new OwnedFields(List.of());
        }
        var sets = entries.stream()
                .filter(e -> manager.equals(e.getManager()) && "Apply".equals(e.getOperation()) && e.getFieldsV1() != null)
                .map(e -> (Map<String, Object>) (Map<?, ?>) e.getFieldsV1().getAdditionalProperties())
                .toList();
        return new OwnedFields(sets);
    }

    /**
     * Per key under {@code path} (as for {@link #keys}), the other field managers that own it, by
     * any operation ({@code kubectl-patch} after a {@code kubectl patch}).
     */
    @SuppressWarnings("unchecked")
    static java.util.SortedMap<String, java.util.SortedSet<String>> otherManagers(ObjectMeta meta, String manager, String... path) {
        var owners = new java.util.TreeMap<String, java.util.SortedSet<String>>();
        for (ManagedFieldsEntry e : meta.getManagedFields() == null ? List.<ManagedFieldsEntry>of() : meta.getManagedFields()) {
            if (e.getManager() != null && !manager.equals(e.getManager()) && e.getFieldsV1() != null) {
                var set = (Map<String, Object>) (Map<?, ?>) e.getFieldsV1().getAdditionalProperties();
                new OwnedFields(List.of(set)).keys(path).forEach(k -> owners.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(e.getManager()));
            }
        }
        return owners;
    }

    /** Keys owned under a path like {@code f:metadata}, {@code f:labels}; the {@code f:} prefixes are added here. */
    @SuppressWarnings("unchecked")
    Set<String> keys(String... path) {
        var out = new HashSet<String>();
        for (Map<String, Object> set : sets) {
            Object node = set;
            for (String p : path) {
                node = node instanceof Map<?, ?> m ? m.get("f:" + p) : null;
            }
            if (node instanceof Map<?, ?> m) {
                for (Object k : ((Map<String, Object>) m).keySet()) {
                    if (k instanceof String s && s.startsWith("f:")) {
                        out.add(s.substring(2));
                    }
                }
            }
        }
        return out;
    }
}
