package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.cluster.embedded.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A path to one field in an object, made of FieldsV1 elements: {@code f:name} (a field),
 * {@code k:{"name":"app"}} (a list item by key), {@code v:"x"} (a set member) and {@code .}
 * (the list item or map itself).
 */
public record FieldPath(List<String> elements) {

    public static final String SELF = ".";

    public FieldPath {
        elements = List.copyOf(elements);
    }

    public static FieldPath of(String... elements) {
        return new FieldPath(List.of(elements));
    }

    public FieldPath child(String element) {
        List<String> next = new ArrayList<>(elements);
        next.add(element);
        return new FieldPath(next);
    }

    public boolean startsWith(FieldPath prefix) {
        return elements.size() >= prefix.elements.size()
                && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
    }

    public boolean isSelf() {
        return !elements.isEmpty() && elements.get(elements.size() - 1).equals(SELF);
    }

    public FieldPath parent() {
        return new FieldPath(elements.subList(0, Math.max(0, elements.size() - 1)));
    }

    public String last() {
        return elements.isEmpty() ? "" : elements.get(elements.size() - 1);
    }

    public int size() {
        return elements.size();
    }

    /** The path as the API server prints it: {@code .spec.template.spec.containers[name="app"].image}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String e : elements) {
            if (e.startsWith("f:")) {
                sb.append('.').append(e.substring(2));
            } else if (e.startsWith("k:")) {
                sb.append('[');
                JsonNode key = Json.parse(e.substring(2));
                Iterator<Map.Entry<String, JsonNode>> it = key.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    sb.append(f.getKey()).append('=').append(Json.write(f.getValue()));
                    if (it.hasNext()) {
                        sb.append(',');
                    }
                }
                sb.append(']');
            } else if (e.startsWith("v:")) {
                sb.append("[=").append(e.substring(2)).append(']');
            }
        }
        return sb.toString();
    }
}
