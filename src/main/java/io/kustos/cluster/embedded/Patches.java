package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.kustos.cluster.embedded.ssa.FieldPath;
import io.kustos.cluster.embedded.ssa.ListSchema;
import io.kustos.cluster.embedded.ssa.ObjectFields;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON patch (RFC 6902), JSON merge patch (RFC 7386) and an approximation of Kubernetes'
 * strategic merge patch: a merge patch where keyed lists (containers by name, env by name, ...)
 * merge item by item, {@code $patch: delete} removes an item, and {@code $setElementOrder},
 * {@code $retainKeys} directives are ignored.
 */
final class Patches {

    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String APPLY = "application/apply-patch+yaml";

    private Patches() {
    }

    static ObjectNode apply(String mediaType, ObjectNode current, String body) {
        return switch (mediaType) {
            case JSON_PATCH -> jsonPatch(current, body);
            case MERGE_PATCH -> (ObjectNode) merge(current, Json.parseObject(body), null);
            case STRATEGIC -> (ObjectNode) merge(current, Json.parseObject(body), FieldPath.of());
            default -> throw ApiError.unsupportedMediaType(mediaType);
        };
    }

    private static ObjectNode jsonPatch(ObjectNode current, String body) {
        JsonNode patch = Json.parse(body);
        try {
            JsonNode result = JsonPatch.apply(patch, current);
            if (result instanceof ObjectNode object) {
                return object;
            }
        } catch (RuntimeException e) {
            throw new ApiError(422, "Invalid", "the server rejected our request due to an error in our request: "
                    + e.getMessage(), null, null, List.of());
        }
        throw ApiError.badRequest("a JSON patch must leave an object");
    }

    /**
     * Merges {@code patch} into {@code target}. With {@code path} null this is a plain merge patch;
     * otherwise a strategic merge, {@code path} being where {@code target} sits in the object.
     */
    static JsonNode merge(JsonNode target, JsonNode patch, FieldPath path) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (path != null && key.startsWith("$")) {
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
                continue;
            }
            FieldPath child = path == null ? null : path.child("f:" + key);
            if (child != null && value.isArray() && ListSchema.type(child) == ListSchema.Type.MAP) {
                result.set(key, mergeKeyedList(result.get(key), (ArrayNode) value, child));
            } else {
                result.set(key, merge(result.get(key), value, child));
            }
        }
        return result;
    }

    private static ArrayNode mergeKeyedList(JsonNode target, ArrayNode patch, FieldPath path) {
        ArrayNode result = target != null && target.isArray() ? ((ArrayNode) target).deepCopy() : Json.array();
        for (JsonNode item : patch) {
            if (item.path("$patch").asText("").equals("replace")) {
                return stripDirectives(patch);
            }
        }
        for (JsonNode item : patch) {
            String key = ObjectFields.keyElement(item, path);
            int index = indexOf(result, key, path);
            boolean delete = item.path("$patch").asText("").equals("delete");
            if (delete) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, merge(result.get(index), item, path.child(key)));
            } else {
                result.add(merge(null, item, path.child(key)));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String key, FieldPath path) {
        for (int i = 0; i < list.size(); i++) {
            if (ObjectFields.keyElement(list.get(i), path).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static ArrayNode stripDirectives(ArrayNode list) {
        ArrayNode copy = list.deepCopy();
        for (JsonNode item : copy) {
            if (item instanceof ObjectNode o) {
                o.remove("$patch");
            }
        }
        return copy;
    }
}
