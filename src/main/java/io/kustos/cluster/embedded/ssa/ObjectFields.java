package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kustos.cluster.embedded.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field paths of an object: which fields it sets, the value at a path, and removing a path.
 * Fields the server owns (apiVersion, kind, name, uid, resourceVersion, ...) are left out, as the
 * real field manager strips them.
 */
public final class ObjectFields {

    private static final Set<String> STRIPPED_METADATA = Set.of("name", "namespace", "uid", "creationTimestamp",
            "selfLink", "generation", "managedFields", "resourceVersion", "deletionTimestamp",
            "deletionGracePeriodSeconds", "clusterName");
    private static final Set<String> STRING_MAPS = Set.of("labels", "annotations", "data", "binaryData",
            "stringData", "matchLabels", "nodeSelector", "rollingUpdate");

    private ObjectFields() {
    }

    /** Every field the object sets; list items and string maps also get their {@code .} member. */
    public static FieldSet of(JsonNode object, boolean withStatus) {
        FieldSet set = new FieldSet();
        Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (f.equals("apiVersion") || f.equals("kind") || (f.equals("status") && !withStatus)) {
                continue;
            }
            if (f.equals("metadata") && e.getValue().isObject()) {
                ObjectNode meta = ((ObjectNode) e.getValue()).deepCopy();
                STRIPPED_METADATA.forEach(meta::remove);
                if (meta.size() > 0) {
                    walk(meta, FieldPath.of("f:metadata"), set);
                }
                continue;
            }
            walk(e.getValue(), FieldPath.of("f:" + f), set);
        }
        return set;
    }

    /** Like {@link #of} but marks string maps with {@code .}, as the real server does for updates. */
    public static FieldSet ofUpdate(JsonNode object, boolean withStatus) {
        FieldSet plain = of(object, withStatus);
        FieldSet result = plain.copy();
        for (FieldPath p : plain.ordered()) {
            FieldPath parent = p.parent();
            if (parent.size() > 0 && STRING_MAPS.contains(strip(parent.last()))) {
                result.add(parent.child(FieldPath.SELF));
            }
            if (parent.size() > 1 && parent.last().startsWith("k:") && parent.parent().last().equals("f:conditions")) {
                result.add(parent.parent().child(FieldPath.SELF));
            }
        }
        return result;
    }

    private static String strip(String element) {
        return element.startsWith("f:") ? element.substring(2) : element;
    }

    private static void walk(JsonNode node, FieldPath path, FieldSet into) {
        if (isLabelSelector(node, path)) {
            into.add(path);
        } else if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path.child("f:" + e.getKey()), into);
            }
        } else if (node.isArray() && ListSchema.type(path) == ListSchema.Type.MAP) {
            for (JsonNode item : node) {
                FieldPath itemPath = path.child(keyElement(item, path));
                into.add(itemPath.child(FieldPath.SELF));
                walk(item, itemPath, into);
            }
        } else if (node.isArray() && ListSchema.type(path) == ListSchema.Type.SET && node.size() > 0) {
            for (JsonNode item : node) {
                into.add(path.child("v:" + Json.write(item)));
            }
        } else {
            into.add(path);
        }
    }

    /** A workload's label selector is an atomic map: owned as a whole. */
    private static boolean isLabelSelector(JsonNode node, FieldPath path) {
        return path.last().equals("f:selector") && node.isObject()
                && (node.has("matchLabels") || node.has("matchExpressions"));
    }

    /** The {@code k:{...}} element naming a list item by its key fields (sorted, defaults filled). */
    public static String keyElement(JsonNode item, FieldPath listPath) {
        ObjectNode key = Json.object();
        for (String field : new TreeSet<>(ListSchema.keys(listPath))) {
            JsonNode value = item.get(field);
            if (value == null || value.isNull()) {
                String def = ListSchema.defaultKeyValue(field);
                if (def == null) {
                    continue;
                }
                value = TextNode.valueOf(def);
            }
            key.set(field, value);
        }
        return "k:" + Json.write(key);
    }

    /** The value at a path, or null when absent. */
    public static JsonNode resolve(JsonNode root, FieldPath path) {
        JsonNode node = root;
        FieldPath walked = FieldPath.of();
        for (String e : path.elements()) {
            if (node == null) {
                return null;
            }
            if (e.equals(FieldPath.SELF)) {
                continue;
            }
            node = step(node, e, walked);
            walked = walked.child(e);
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String element, FieldPath walked) {
        if (element.startsWith("f:")) {
            return node.isObject() ? node.get(element.substring(2)) : null;
        }
        if (!node.isArray()) {
            return null;
        }
        int index = indexOf((ArrayNode) node, element, walked);
        return index < 0 ? null : node.get(index);
    }

    /** Index of the list item an element names, or -1. */
    static int indexOf(ArrayNode list, String element, FieldPath listPath) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (element.startsWith("k:") && keyElement(item, listPath).equals(element)) {
                return i;
            }
            if (element.startsWith("v:") && ("v:" + Json.write(item)).equals(element)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the field a path names (for {@code .}: the whole list item); absent paths are ignored. */
    public static void remove(JsonNode root, FieldPath path) {
        List<String> elements = new ArrayList<>(path.elements());
        if (path.isSelf()) {
            elements.remove(elements.size() - 1);
        }
        if (elements.isEmpty()) {
            return;
        }
        FieldPath target = new FieldPath(elements);
        JsonNode parent = resolve(root, target.parent());
        String last = target.last();
        if (last.startsWith("f:") && parent instanceof ObjectNode object) {
            object.remove(last.substring(2));
        } else if (parent instanceof ArrayNode list) {
            int index = indexOf(list, last, target.parent());
            if (index >= 0) {
                list.remove(index);
            }
        }
    }
}
