package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Merges an applied configuration into a live object: maps field by field, associative lists
 * item by item (by key), sets by value; scalars and atomic lists are replaced.
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    static JsonNode merge(JsonNode live, JsonNode applied, FieldPath path) {
        if (live == null || live.isNull()) {
            return applied.deepCopy();
        }
        if (applied.isObject() && live.isObject()) {
            ObjectNode result = ((ObjectNode) live).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> it = applied.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                result.set(e.getKey(), merge(live.get(e.getKey()), e.getValue(), path.child("f:" + e.getKey())));
            }
            return result;
        }
        if (applied.isArray() && live.isArray()) {
            ListSchema.Type type = ListSchema.type(path);
            if (type == ListSchema.Type.MAP) {
                return mergeByKey((ArrayNode) live, (ArrayNode) applied, path);
            }
            if (type == ListSchema.Type.SET) {
                ArrayNode result = ((ArrayNode) live).deepCopy();
                for (JsonNode item : applied) {
                    if (!contains(result, item)) {
                        result.add(item.deepCopy());
                    }
                }
                return result;
            }
        }
        return applied.deepCopy();
    }

    private static ArrayNode mergeByKey(ArrayNode live, ArrayNode applied, FieldPath path) {
        ArrayNode result = live.deepCopy();
        for (JsonNode item : applied) {
            String key = ObjectFields.keyElement(item, path);
            int index = ObjectFields.indexOf(result, key, path);
            if (index < 0) {
                result.add(item.deepCopy());
            } else {
                result.set(index, merge(result.get(index), item, path.child(key)));
            }
        }
        return result;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode item : list) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
