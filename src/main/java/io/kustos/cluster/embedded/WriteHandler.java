package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.ssa.ServerSideApply;

import java.util.List;
import java.util.Random;

/**
 * POST, PUT and PATCH (JSON, merge, strategic and apply patches) on resource URLs, with
 * {@code dryRun=All}, field managers and resourceVersion preconditions.
 */
final class WriteHandler {

    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final ObjectStore store;
    private final ObjectWriter writer;
    private final ResourceCatalog catalog;
    private final Random random = new Random();

    WriteHandler(ObjectStore store, ObjectWriter writer, ResourceCatalog catalog) {
        this.store = store;
        this.writer = writer;
        this.catalog = catalog;
    }

    ApiResponse create(ApiRequest req, ResourcePath rp) {
        if (!rp.isCollection()) {
            throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                    + "resource", null, null, List.of());
        }
        ObjectNode object = Json.parseObject(req.body());
        checkKind(object, rp.type());
        ObjectNode meta = Json.with(object, "metadata");
        placeInNamespace(meta, rp);
        String name = meta.path("name").asText("");
        if (name.isEmpty() && meta.hasNonNull("generateName")) {
            name = meta.get("generateName").asText() + suffix();
            meta.put("name", name);
        }
        return store.write(() -> {
            requireNamespace(rp);
            String objectName = meta.path("name").asText("");
            if (!objectName.isEmpty() && store.get(rp.type(), rp.namespace(), objectName).isPresent()) {
                throw ApiError.alreadyExists(rp.type().plural(), objectName);
            }
            ObjectNode stored = writer.write(rp.type(), null, object, options(req, false, false));
            return new ApiResponse(201, Json.write(stored));
        });
    }

    ApiResponse update(ApiRequest req, ResourcePath rp) {
        ObjectNode object = Json.parseObject(req.body());
        if (rp.subresource() != null && rp.subresource().equals("scale")) {
            return store.write(() -> ScaleSubresource.replace(existing(rp), object, rp, writer, options(req, false,
                    false)));
        }
        checkKind(object, rp.type());
        ObjectNode meta = Json.with(object, "metadata");
        placeInNamespace(meta, rp);
        checkName(meta, rp);
        return store.write(() -> {
            ObjectNode old = existing(rp);
            checkResourceVersion(object, old, rp);
            ObjectNode stored = writer.write(rp.type(), old, object, options(req, false, rp.isStatus()));
            return new ApiResponse(200, Json.write(stored));
        });
    }

    ApiResponse patch(ApiRequest req, ResourcePath rp) {
        if (req.mediaType().equals(Patches.APPLY)) {
            return apply(req, rp);
        }
        if (rp.isCollection()) {
            throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                    + "resource", null, null, List.of());
        }
        return store.write(() -> {
            ObjectNode old = existing(rp);
            if ("scale".equals(rp.subresource())) {
                return ScaleSubresource.patch(old, req, rp, writer, options(req, false, false));
            }
            ObjectNode patched = Patches.apply(req.mediaType(), old.deepCopy(), req.body());
            checkResourceVersion(patched, old, rp);
            checkName(Json.with(patched, "metadata"), rp);
            ObjectNode stored = writer.write(rp.type(), old, patched, options(req, false, rp.isStatus()));
            return new ApiResponse(200, Json.write(stored));
        });
    }

    private ApiResponse apply(ApiRequest req, ResourcePath rp) {
        String manager = req.param("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw new ApiError(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
                    + "is required for apply patch", null, "PatchOptions", List.of(new ApiError.Cause("FieldValueRequired",
                    "Required value: is required for apply patch", "fieldManager"))).inGroup("meta.k8s.io");
        }
        boolean force = "true".equals(req.param("force"));
        ObjectNode applied = Json.parseYamlObject(req.body());
        checkKind(applied, rp.type());
        ObjectNode meta = Json.with(applied, "metadata");
        placeInNamespace(meta, rp);
        checkName(meta, rp);
        return store.write(() -> {
            ObjectNode old = store.get(rp.type(), rp.namespace(), rp.name()).orElse(null);
            if (old == null) {
                requireNamespace(rp);
            } else {
                checkResourceVersion(applied, old, rp);
            }
            ServerSideApply.stripServerFields(applied);
            ObjectNode merged = ServerSideApply.apply(old, applied, manager, force, rp.type().apiVersion(),
                    writer.now());
            ObjectNode stored = writer.write(rp.type(), old, merged,
                    new ObjectWriter.Options(manager, true, false, req.dryRun()));
            return new ApiResponse(old == null ? 201 : 200, Json.write(stored));
        });
    }

    private static ObjectWriter.Options options(ApiRequest req, boolean managedDone, boolean statusOnly) {
        return new ObjectWriter.Options(req.fieldManagerOrDefault(), managedDone, statusOnly, req.dryRun());
    }

    private ObjectNode existing(ResourcePath rp) {
        return store.get(rp.type(), rp.namespace(), rp.name())
                .orElseThrow(() -> ApiError.notFound(rp.type().plural(), rp.name()));
    }

    private void requireNamespace(ResourcePath rp) {
        if (rp.type().namespaced()) {
            ResourceType namespaces = catalog.require("v1", "Namespace");
            if (store.get(namespaces, null, rp.namespace()).isEmpty()) {
                throw ApiError.notFound("namespaces", rp.namespace());
            }
        }
    }

    private static void checkKind(ObjectNode object, ResourceType type) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiError.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
    }

    private static void placeInNamespace(ObjectNode meta, ResourcePath rp) {
        if (!rp.type().namespaced()) {
            meta.remove("namespace");
            return;
        }
        String namespace = meta.path("namespace").asText("");
        if (!namespace.isEmpty() && !namespace.equals(rp.namespace())) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
        meta.put("namespace", rp.namespace());
    }

    private static void checkName(ObjectNode meta, ResourcePath rp) {
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            meta.put("name", rp.name());
        } else if (!name.equals(rp.name())) {
            throw ApiError.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + rp.name() + ")");
        }
    }

    private static void checkResourceVersion(ObjectNode desired, ObjectNode old, ResourcePath rp) {
        String wanted = desired.path("metadata").path("resourceVersion").asText("");
        String current = old.path("metadata").path("resourceVersion").asText("");
        if (!wanted.isEmpty() && !wanted.equals(current)) {
            throw ApiError.modified(rp.type().plural(), rp.name());
        }
    }

    private String suffix() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length())));
        }
        return sb.toString();
    }
}
