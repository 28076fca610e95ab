package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API as the simulated controllers use it: in process, through the same handlers as HTTP
 * requests (so validation, managed fields and watches apply), but not recorded in the request log.
 */
public final class LocalApi {

    /** The field manager the simulated controllers write with, as in a real cluster. */
    public static final String CONTROLLER_MANAGER = "kube-controller-manager";

    private final ApiDispatcher dispatcher;
    private final ResourceCatalog catalog;

    LocalApi(ApiDispatcher dispatcher, ResourceCatalog catalog) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
    }

    public ResourceType type(String apiVersion, String kind) {
        return catalog.require(apiVersion, kind);
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ApiResponse r = call("GET", type.objectPath(namespace, name), null);
        return r.code() == 200 ? Optional.of(Json.parseObject(r.body())) : Optional.empty();
    }

    public List<ObjectNode> list(ResourceType type, String namespace) {
        ApiResponse r = call("GET", type.collectionPath(namespace), null);
        List<ObjectNode> result = new ArrayList<>();
        for (JsonNode item : Json.parseObject(r.body()).path("items")) {
            result.add((ObjectNode) item);
        }
        return result;
    }

    /**
     * Creates an object; returns the stored one, or empty when it could not be created or its
     * owner was deleted meanwhile. A controller that read its owner just before the owner's
     * delete would otherwise leave an orphan behind: the real garbage collector deletes a
     * dependent whose owner is gone, and so does this, right after the create (a delete that
     * came first cascaded before the create; one that comes after cascades to it).
     */
    public Optional<ObjectNode> create(ResourceType type, ObjectNode object) {
        ApiResponse r = call("POST", type.collectionPath(Json.text(object, "metadata", "namespace")), object);
        if (r.code() != 201) {
            return Optional.empty();
        }
        ObjectNode created = Json.parseObject(r.body());
        if (ownerGone(created)) {
            call("DELETE", type.objectPath(Json.text(created, "metadata", "namespace"),
                    Json.text(created, "metadata", "name")), null);
            return Optional.empty();
        }
        return Optional.of(created);
    }

    private boolean ownerGone(ObjectNode object) {
        String namespace = Json.text(object, "metadata", "namespace");
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            Optional<ResourceType> served = catalog.byKind(ref.path("apiVersion").asText(), ref.path("kind").asText());
            if (served.isEmpty()) {
                continue;
            }
            ResourceType ownerType = served.get();
            Optional<ObjectNode> owner = get(ownerType, ownerType.namespaced() ? namespace : null,
                    ref.path("name").asText());
            if (owner.isEmpty() || !ref.path("uid").asText().equals(Json.text(owner.get(), "metadata", "uid"))) {
                return true;
            }
        }
        return false;
    }

    /** Replaces an object (optimistic: fails quietly when its resourceVersion is stale). */
    public Optional<ObjectNode> update(ResourceType type, ObjectNode object) {
        return put(type, object, "");
    }

    public Optional<ObjectNode> updateStatus(ResourceType type, ObjectNode object) {
        return put(type, object, "/status");
    }

    private Optional<ObjectNode> put(ResourceType type, ObjectNode object, String suffix) {
        String path = type.objectPath(Json.text(object, "metadata", "namespace"), Json.text(object, "metadata", "name"));
        ApiResponse r = call("PUT", path + suffix, object);
        return r.code() == 200 ? Optional.of(Json.parseObject(r.body())) : Optional.empty();
    }

    private ApiResponse call(String method, String path, ObjectNode body) {
        return dispatcher.local(ApiRequest.of(method, path + "?fieldManager=" + CONTROLLER_MANAGER,
                "application/json", body == null ? null : Json.write(body), CONTROLLER_MANAGER));
    }
}
