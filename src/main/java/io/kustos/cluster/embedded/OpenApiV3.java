package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal OpenAPI v3 ({@code /openapi/v3} and one document per group version): no schemas,
 * only each resource's operations with their query parameters and
 * {@code x-kubernetes-group-version-kind}. That is what kubectl reads to learn that the server
 * validates fields itself ({@code fieldValidation}) and supports {@code dryRun}, so it sends
 * {@code kubectl apply} and {@code kubectl create -f} without client-side schema validation.
 */
final class OpenApiV3 {

    private static final List<String> PARAMETERS = List.of("dryRun", "fieldManager", "fieldValidation", "force",
            "pretty");

    private final ResourceCatalog catalog;

    OpenApiV3(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<ObjectNode> document(String path) {
        if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
            return Optional.of(index());
        }
        if (!path.startsWith("/openapi/v3/")) {
            return Optional.empty();
        }
        String gv = path.substring("/openapi/v3/".length());
        for (Map.Entry<String, Set<String>> e : catalog.groupVersions().entrySet()) {
            for (String version : e.getValue()) {
                if (gv.equals(prefix(e.getKey(), version))) {
                    return Optional.of(groupVersion(e.getKey(), version));
                }
            }
        }
        return Optional.empty();
    }

    private static String prefix(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    private ObjectNode index() {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        catalog.groupVersions().forEach((group, versions) -> versions.forEach(v ->
                paths.putObject(prefix(group, v)).put("serverRelativeURL", "/openapi/v3/" + prefix(group, v))));
        return root;
    }

    private ObjectNode groupVersion(String group, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes (kustos embedded cluster)");
        info.put("version", "v1.20.2");
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType t : catalog.inGroupVersion(group, version)) {
            String namespace = t.namespaced() ? "{namespace}" : null;
            ObjectNode item = paths.putObject(t.objectPath(namespace, "{name}"));
            for (String method : List.of("get", "put", "patch", "delete")) {
                item.set(method, operation(t));
            }
            ObjectNode collection = paths.putObject(t.collectionPath(namespace));
            collection.set("get", operation(t));
            collection.set("post", operation(t));
        }
        doc.putObject("components").putObject("schemas");
        return doc;
    }

    private static ObjectNode operation(ResourceType t) {
        ObjectNode op = Json.object();
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", t.group());
        gvk.put("version", t.version());
        gvk.put("kind", t.kind());
        ArrayNode params = op.putArray("parameters");
        for (String name : PARAMETERS) {
            ObjectNode p = params.addObject();
            p.put("name", name);
            p.put("in", "query");
            p.putObject("schema").put("type", "string");
        }
        op.putObject("responses").putObject("200").put("description", "OK");
        return op;
    }
}
