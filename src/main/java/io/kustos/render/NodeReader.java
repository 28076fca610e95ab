package io.kustos.render;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed, path-aware reads of a YAML tree that report problems instead of throwing. */
final class NodeReader {
    private final Problems problems;

    NodeReader(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Reports every field of {@code node} not in {@code known}. */
    void onlyKnown(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(join(path, f), "unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** A required string field; null (and a problem) when missing or not a string. */
    String requiredText(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problems.add(join(path, field), "required field is missing");
            return null;
        }
        return text(v, join(path, field));
    }

    /** An optional string field; null when absent. */
    String optionalText(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : text(v, join(path, field));
    }

    String text(JsonNode v, String path) {
        if (!v.isTextual()) {
            problems.add(path, "must be a string, not " + describe(v) + (v.isValueNode() ? " (quote it)" : ""));
            return null;
        }
        return v.textValue();
    }

    /** A mapping of strings to strings; empty when absent. */
    Map<String, String> stringMap(JsonNode node, String path, String field) {
        var out = new LinkedHashMap<String, String>();
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        String p = join(path, field);
        if (!v.isObject()) {
            problems.add(p, "must be a mapping, not " + describe(v));
            return out;
        }
        v.fields().forEachRemaining(e -> {
            String t = text(e.getValue(), join(p, e.getKey()));
            if (t != null) {
                out.put(e.getKey(), t);
            }
        });
        return out;
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isNull()) {
            return "null";
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
