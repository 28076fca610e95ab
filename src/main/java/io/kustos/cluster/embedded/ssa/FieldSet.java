package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A set of field paths: what one manager owns. Converts to and from the FieldsV1 tree. */
public final class FieldSet {

    private final Set<FieldPath> members = new LinkedHashSet<>();

    public static FieldSet fromFieldsV1(JsonNode tree) {
        FieldSet set = new FieldSet();
        if (tree != null && tree.isObject()) {
            collect(tree, new ArrayList<>(), set);
        }
        return set;
    }

    private static void collect(JsonNode node, List<String> path, FieldSet into) {
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            path.add(e.getKey());
            if (e.getValue().isObject() && e.getValue().size() > 0) {
                collect(e.getValue(), path, into);
            } else {
                into.add(new FieldPath(path));
            }
            path.remove(path.size() - 1);
        }
    }

    /** The FieldsV1 tree. */
    public ObjectNode toFieldsV1() {
        ObjectNode root = Json.object();
        for (FieldPath p : members) {
            ObjectNode node = root;
            for (String e : p.elements()) {
                JsonNode child = node.get(e);
                node = child instanceof ObjectNode o ? o : node.putObject(e);
            }
        }
        return root;
    }

    public void add(FieldPath path) {
        members.add(path);
    }

    public void addAll(FieldSet other) {
        members.addAll(other.members);
    }

    public void removeAll(FieldSet other) {
        members.removeAll(other.members);
    }

    public boolean remove(FieldPath path) {
        return members.remove(path);
    }

    public boolean contains(FieldPath path) {
        return members.contains(path);
    }

    /** Whether some member lies at or below {@code prefix}. */
    public boolean containsUnder(FieldPath prefix) {
        return members.stream().anyMatch(m -> m.startsWith(prefix));
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Members in insertion order. */
    public List<FieldPath> ordered() {
        return List.copyOf(members);
    }

    public FieldSet copy() {
        FieldSet copy = new FieldSet();
        copy.members.addAll(members);
        return copy;
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
