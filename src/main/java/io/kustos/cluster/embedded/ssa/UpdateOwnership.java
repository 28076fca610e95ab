package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Managed fields for writes that are not applies (create, update, merge and strategic patches):
 * the writer's Update entry gains every field it set or changed, other managers lose those
 * fields, and fields that disappeared are owned by nobody.
 */
public final class UpdateOwnership {

    private static final FieldPath STATUS = FieldPath.of("f:status");
    private static final FieldPath ANNOTATIONS = FieldPath.of("f:metadata", "f:annotations");

    private UpdateOwnership() {
    }

    /**
     * Records an Update by {@code manager} on {@code updated} (whose managedFields are replaced).
     *
     * @param old          the object before, or null for a create
     * @param statusOnly   whether this was a write to the status subresource
     */
    public static void record(ObjectNode old, ObjectNode updated, String manager, String apiVersion, String now,
                              boolean statusOnly) {
        List<ManagedField> entries = old == null ? new ArrayList<>() : new ArrayList<>(ManagedField.read(old));
        FieldSet before = old == null ? new FieldSet() : scoped(ObjectFields.ofUpdate(old, true), statusOnly);
        FieldSet after = scoped(ObjectFields.ofUpdate(updated, true), statusOnly);

        FieldSet changed = new FieldSet();
        for (FieldPath p : after.ordered()) {
            boolean marker = p.isSelf() || p.last().startsWith("v:");
            if (marker ? !before.contains(p)
                    : !Objects.equals(ObjectFields.resolve(old, p), ObjectFields.resolve(updated, p))) {
                changed.add(p);
            }
        }
        FieldSet removed = before.copy();
        removed.removeAll(after);

        ManagedField mine = null;
        for (ManagedField e : entries) {
            e.fields().removeAll(removed);
            if (e.sameOwner(manager, ManagedField.UPDATE) && e.apiVersion().equals(apiVersion)) {
                mine = e;
            } else {
                e.fields().removeAll(changed);
            }
        }
        if (!changed.isEmpty()) {
            if (mine == null) {
                entries.add(new ManagedField(manager, ManagedField.UPDATE, apiVersion, now, changed));
            } else {
                mine.fields().addAll(changed);
                entries.set(entries.indexOf(mine), mine.withFields(mine.fields(), now));
            }
        }
        ManagedField.write(updated, entries);
    }

    private static FieldSet scoped(FieldSet all, boolean statusOnly) {
        FieldSet result = new FieldSet();
        for (FieldPath p : all.ordered()) {
            boolean statusWritable = p.startsWith(STATUS) || p.startsWith(ANNOTATIONS);
            if (statusOnly ? statusWritable : !p.startsWith(STATUS)) {
                result.add(p);
            }
        }
        return result;
    }
}
