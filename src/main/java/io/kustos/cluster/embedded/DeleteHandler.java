package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * DELETE of one object or a collection. Objects with finalizers only get a deletionTimestamp;
 * otherwise they go at once, with their dependents (ownerReferences) and, for a namespace,
 * everything in it — the garbage collector and namespace controller, done synchronously.
 */
final class DeleteHandler {

    private final ObjectStore store;
    private final ObjectWriter writer;
    private final ResourceCatalog catalog;
    private volatile ChangeListener listener = ChangeListener.NONE;

    DeleteHandler(ObjectStore store, ObjectWriter writer, ResourceCatalog catalog) {
        this.store = store;
        this.writer = writer;
        this.catalog = catalog;
    }

    void listener(ChangeListener newListener) {
        this.listener = newListener;
    }

    ApiResponse delete(ApiRequest req, ResourcePath rp) {
        return store.write(() -> {
            if (rp.isCollection()) {
                for (ObjectNode object : store.list(rp.type(), rp.namespace())) {
                    deleteOne(req, rp.type(), object);
                }
                return new ApiResponse(200, Json.write(success(null, rp.type().plural(), null)));
            }
            ObjectNode old = store.get(rp.type(), rp.namespace(), rp.name())
                    .orElseThrow(() -> ApiError.notFound(rp.type().plural(), rp.name()));
            ObjectNode marked = deleteOne(req, rp.type(), old);
            if (marked != null) {
                return new ApiResponse(200, Json.write(marked));
            }
            return new ApiResponse(200, Json.write(success(rp.name(), rp.type().plural(),
                    Json.text(old, "metadata", "uid"))));
        });
    }

    /** Deletes one object; returns the object when finalizers keep it, else null. */
    private ObjectNode deleteOne(ApiRequest req, ResourceType type, ObjectNode old) {
        JsonNode finalizers = old.path("metadata").path("finalizers");
        if (finalizers.isArray() && !finalizers.isEmpty()) {
            ObjectNode marked = old.deepCopy();
            ObjectNode meta = Json.with(marked, "metadata");
            if (!meta.has("deletionTimestamp")) {
                meta.put("deletionTimestamp", writer.now());
                meta.put("deletionGracePeriodSeconds", 0);
                if (!req.dryRun()) {
                    meta.put("resourceVersion", String.valueOf(store.requestResourceVersion()));
                    store.put(type, marked);
                    listener.changed(type, marked, false);
                }
            }
            return marked;
        }
        if (req.dryRun()) {
            return null;
        }
        removeWithDependents(type, old, !orphan(req));
        return null;
    }

    private void removeWithDependents(ResourceType type, ObjectNode object, boolean cascade) {
        String namespace = Json.text(object, "metadata", "namespace");
        String name = Json.text(object, "metadata", "name");
        store.remove(type, namespace, name);
        listener.changed(type, object, true);
        if (!cascade) {
            return;
        }
        String uid = Json.text(object, "metadata", "uid");
        List<Dependent> dependents = new ArrayList<>();
        for (ResourceType t : catalog.all()) {
            if (type.kind().equals("Namespace") && t.namespaced()) {
                store.list(t, name).forEach(o -> dependents.add(new Dependent(t, o)));
                continue;
            }
            for (ObjectNode candidate : store.list(t, t.namespaced() ? namespace : null)) {
                for (JsonNode ref : candidate.path("metadata").path("ownerReferences")) {
                    if (ref.path("uid").asText("").equals(uid)) {
                        dependents.add(new Dependent(t, candidate));
                        break;
                    }
                }
            }
        }
        for (Dependent d : dependents) {
            removeWithDependents(d.type(), d.object(), true);
        }
    }

    private record Dependent(ResourceType type, ObjectNode object) {
    }

    private static boolean orphan(ApiRequest req) {
        if ("Orphan".equals(req.param("propagationPolicy"))) {
            return true;
        }
        if (req.body() != null && !req.body().isBlank()) {
            try {
                return Json.parse(req.body()).path("propagationPolicy").asText("").equals("Orphan");
            } catch (ApiError e) {
                return false;
            }
        }
        return false;
    }

    private static ObjectNode success(String name, String plural, String uid) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        if (name != null) {
            details.put("name", name);
        }
        details.put("kind", plural);
        if (uid != null) {
            details.put("uid", uid);
        }
        return status;
    }
}
