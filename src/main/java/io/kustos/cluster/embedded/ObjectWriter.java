package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.ssa.UpdateOwnership;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The last step of every create and update: server-owned metadata (uid, creationTimestamp,
 * generation, resourceVersion), status kept apart from the main resource, defaults, validation,
 * field ownership, and the store write itself (skipped for dry runs and no-op updates).
 */
final class ObjectWriter {

    /** How one write was made. */
    record Options(String manager, boolean managedFieldsDone, boolean statusOnly, boolean dryRun) {
    }

    private final ObjectStore store;
    private final ObjectDefaults defaults = new ObjectDefaults();
    private final ObjectValidator validator = new ObjectValidator();
    private final Clock clock;
    private volatile ChangeListener listener = ChangeListener.NONE;

    ObjectWriter(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void listener(ChangeListener newListener) {
        this.listener = newListener;
    }

    String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Writes {@code desired} over {@code old} (null: create) and returns what is (or would be) stored.
     */
    ObjectNode write(ResourceType type, ObjectNode old, ObjectNode desired, Options options) {
        ObjectNode result = options.statusOnly() ? statusUpdate(old, desired) : desired;
        ObjectNode meta = Json.with(result, "metadata");
        if (!type.namespaced()) {
            meta.remove("namespace");
        }
        if (old == null) {
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", now());
            if (type.tracksGeneration()) {
                meta.put("generation", 1);
                result.remove("status");
            }
        } else {
            keepServerMetadata(old, meta);
            if (type.hasStatus() && !options.statusOnly()) {
                JsonNode status = old.get("status");
                if (status == null) {
                    result.remove("status");
                } else {
                    result.set("status", status.deepCopy());
                }
            }
        }
        defaults.apply(type, result);
        validator.validate(type, result, old);
        if (!options.managedFieldsDone()) {
            UpdateOwnership.record(old, result, options.manager(), type.apiVersion(), now(), options.statusOnly());
        }
        if (old != null) {
            if (type.tracksGeneration() && !options.statusOnly() && specChanged(old, result)) {
                meta.put("generation", old.path("metadata").path("generation").asLong(1) + 1);
            }
            if (sameIgnoringVolatile(old, result)) {
                return old;
            }
        }
        if (options.dryRun()) {
            if (old == null) {
                meta.remove("resourceVersion");
            }
            return result;
        }
        meta.put("resourceVersion", String.valueOf(store.requestResourceVersion()));
        store.put(type, result);
        listener.changed(type, result, false);
        return result;
    }

    /**
     * A write to the status subresource keeps everything but the status and, as the real status
     * strategies do, the annotations (how the deployment controller records its revision).
     */
    private static ObjectNode statusUpdate(ObjectNode old, ObjectNode desired) {
        ObjectNode result = old.deepCopy();
        JsonNode status = desired.get("status");
        if (status == null) {
            result.remove("status");
        } else {
            result.set("status", status.deepCopy());
        }
        JsonNode annotations = desired.path("metadata").get("annotations");
        ObjectNode meta = Json.with(result, "metadata");
        if (annotations == null) {
            meta.remove("annotations");
        } else {
            meta.set("annotations", annotations.deepCopy());
        }
        return result;
    }

    private static void keepServerMetadata(ObjectNode old, ObjectNode meta) {
        JsonNode oldMeta = old.path("metadata");
        for (String field : new String[] {"uid", "creationTimestamp", "generation", "deletionTimestamp",
                "deletionGracePeriodSeconds", "resourceVersion"}) {
            JsonNode value = oldMeta.get(field);
            if (value == null) {
                meta.remove(field);
            } else {
                meta.set(field, value.deepCopy());
            }
        }
    }

    /**
     * Spec changes bump the generation; for Deployments annotation changes too, as in the real
     * apps/v1 strategy (rollbacks were once requested by annotation).
     */
    private static boolean specChanged(ObjectNode old, ObjectNode updated) {
        if (updated.path("kind").asText().equals("Deployment")
                && !old.path("metadata").path("annotations").equals(updated.path("metadata").path("annotations"))) {
            return true;
        }
        ObjectNode a = old.deepCopy();
        ObjectNode b = updated.deepCopy();
        for (ObjectNode n : new ObjectNode[] {a, b}) {
            n.remove("metadata");
            n.remove("status");
        }
        return !a.equals(b);
    }

    private static boolean sameIgnoringVolatile(ObjectNode old, ObjectNode updated) {
        return withoutVolatile(old).equals(withoutVolatile(updated));
    }

    private static ObjectNode withoutVolatile(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        ObjectNode meta = Json.with(copy, "metadata");
        meta.remove("resourceVersion");
        for (JsonNode entry : meta.path("managedFields")) {
            if (entry instanceof ObjectNode e) {
                e.remove("time");
            }
        }
        return copy;
    }
}
