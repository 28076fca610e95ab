package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.ApiError;
import io.kustos.cluster.embedded.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Server-side apply of one configuration by one field manager: merge into the live object,
 * detect conflicts with other managers, remove fields the manager dropped (unless someone else
 * owns them), and record the manager's Apply entry in {@code metadata.managedFields}.
 */
public final class ServerSideApply {

    private ServerSideApply() {
    }

    /**
     * @param live       the stored object, or null when the apply creates it
     * @param applied    the applied configuration (server-owned metadata already removed)
     * @param manager    the field manager
     * @param force      whether to take fields over from other managers
     * @param apiVersion the apiVersion the configuration was applied with
     * @param now        the time to record
     * @return the merged object with its managedFields
     * @throws ApiError 409 when the apply conflicts and {@code force} is false
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode applied, String manager, boolean force,
                                   String apiVersion, String now) {
        FieldSet appliedSet = ObjectFields.of(applied, false);
        List<ManagedField> entries = live == null ? new ArrayList<>() : new ArrayList<>(ManagedField.read(live));
        ObjectNode merged = live == null ? applied.deepCopy()
                : (ObjectNode) ApplyMerge.merge(live, applied, FieldPath.of());

        List<Conflict> conflicts = conflicts(live, merged, appliedSet, entries, manager);
        if (!conflicts.isEmpty()) {
            if (!force) {
                throw Conflict.toError(conflicts);
            }
            for (Conflict c : conflicts) {
                c.owner().fields().remove(c.path());
            }
        }

        FieldSet previous = entries.stream().filter(e -> e.sameOwner(manager, ManagedField.APPLY))
                .map(ManagedField::fields).findFirst().orElse(new FieldSet());
        removeDropped(merged, previous, appliedSet, entries, manager);

        ManagedField mine = new ManagedField(manager, ManagedField.APPLY, apiVersion, now, appliedSet);
        boolean replaced = false;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).sameOwner(manager, ManagedField.APPLY)) {
                entries.set(i, mine);
                replaced = true;
            }
        }
        if (!replaced) {
            entries.add(mine);
        }
        ManagedField.write(merged, entries);
        return merged;
    }

    private static List<Conflict> conflicts(ObjectNode live, ObjectNode merged, FieldSet appliedSet,
                                            List<ManagedField> entries, String manager) {
        List<Conflict> conflicts = new ArrayList<>();
        if (live == null) {
            return conflicts;
        }
        for (FieldPath p : appliedSet.ordered()) {
            if (p.isSelf() || p.last().startsWith("v:")) {
                continue;
            }
            for (ManagedField e : entries) {
                if (e.sameOwner(manager, ManagedField.APPLY) || !e.fields().contains(p)) {
                    continue;
                }
                JsonNode before = ObjectFields.resolve(live, p);
                JsonNode after = ObjectFields.resolve(merged, p);
                if (!Objects.equals(before, after)) {
                    conflicts.add(new Conflict(e, p));
                }
            }
        }
        return conflicts;
    }

    private static void removeDropped(ObjectNode merged, FieldSet previous, FieldSet appliedSet,
                                      List<ManagedField> entries, String manager) {
        for (FieldPath p : previous.ordered()) {
            if (appliedSet.contains(p) || ownedByOthers(p, entries, manager)) {
                continue;
            }
            ObjectFields.remove(merged, p);
            JsonNode parent = ObjectFields.resolve(merged, p.isSelf() ? p.parent().parent() : p.parent());
            if (parent instanceof ObjectNode o && o.isEmpty() && p.size() > 1 && !appliedSet.containsUnder(
                    p.isSelf() ? p.parent().parent() : p.parent())) {
                ObjectFields.remove(merged, p.isSelf() ? p.parent().parent() : p.parent());
            }
        }
    }

    private static boolean ownedByOthers(FieldPath p, List<ManagedField> entries, String manager) {
        FieldPath scope = p.isSelf() ? p.parent() : p;
        for (ManagedField e : entries) {
            if (!e.sameOwner(manager, ManagedField.APPLY) && e.fields().containsUnder(scope)) {
                return true;
            }
        }
        return false;
    }

    /** Removes server-owned metadata an applied configuration may carry. */
    public static void stripServerFields(ObjectNode applied) {
        ObjectNode meta = Json.with(applied, "metadata");
        for (String f : List.of("managedFields", "uid", "creationTimestamp", "generation", "selfLink",
                "resourceVersion")) {
            meta.remove(f);
        }
    }
}
