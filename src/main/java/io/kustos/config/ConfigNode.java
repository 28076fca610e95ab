package io.kustos.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.RecordComponent;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One mapping of kustos.yaml at a known path (e.g. {@code targets[1]}), shaped like a
 * configuration record. Fields the record does not have are reported as unknown; each getter
 * reports a bad value as a problem and returns {@code null}, so reading goes on and every problem
 * is collected. An absent field and an explicit {@code null} both mean "use the default".
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Path baseDir;

    private ConfigNode(JsonNode node, String path, Problems problems, Path baseDir,
                       Class<? extends Record> shape) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.baseDir = baseDir;
        rejectUnknownFields(shape);
    }

    /** The name of the file this node is in, for messages. */
    String fileName() {
        return problems.file();
    }

    static ConfigNode root(JsonNode mapping, Problems problems, Path baseDir) {
        return new ConfigNode(mapping, "", problems, baseDir, KustosConfig.class);
    }

    static String knownFields(Class<? extends Record> shape) {
        return String.join(", ", fields(shape));
    }

    /** The fields kustos.yaml may have: the record's components but those Kustos derives. */
    private static List<String> fields(Class<? extends Record> shape) {
        return Arrays.stream(shape.getRecordComponents()).filter(c -> !c.isAnnotationPresent(Derived.class))
                .map(RecordComponent::getName).toList();
    }

    boolean has(String field) {
        return value(field) != null;
    }

    /** Whether {@code field} is a list with at least one item (good or bad). */
    boolean hasItems(String field) {
        JsonNode v = value(field);
        return v != null && v.isArray() && !v.isEmpty();
    }

    /** Where this mapping is, e.g. {@code targets[1]}; empty at the top. */
    String location() {
        return path;
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(pathOf(field), message);
    }

    void problem(String message) {
        problems.add(path, message);
    }

    /** The nested mapping {@code field}, or null if it is absent or not a mapping. */
    ConfigNode mapping(String field, Class<? extends Record> shape) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            problem(field, "expected a mapping, found " + describe(v));
            return null;
        }
        return new ConfigNode(v, pathOf(field), problems, baseDir, shape);
    }

    /** The list of mappings {@code field}; the bad items are reported and left out. */
    List<ConfigNode> mappings(String field, Class<? extends Record> shape) {
        return list(field, (item, itemPath) -> {
            if (!item.isObject()) {
                problems.add(itemPath, "expected a mapping, found " + describe(item));
                return null;
            }
            return new ConfigNode(item, itemPath, problems, baseDir, shape);
        });
    }

    String string(String field) {
        return scalarText(value(field), pathOf(field));
    }

    /** A list of strings; {@code check} gives the problem with one item, or null if it is fine. */
    List<String> strings(String field, Function<String, String> check) {
        return list(field, (item, itemPath) -> {
            String text = scalarText(item, itemPath);
            String problem = text == null ? null : check.apply(text);
            if (problem != null) {
                problems.add(itemPath, problem);
                return null;
            }
            return text;
        });
    }

    /** A string as written at {@code path} (e.g. {@code targets[1].after[0]}), kept so later checks can name where it is. */
    record Placed(String text, String path) {
    }

    /**
     * A list of strings, or one string standing for a list of one, each with its path; bad items
     * are reported and left out. Null when absent.
     */
    List<Placed> placedStrings(String field) {
        JsonNode v = value(field);
        if (v != null && v.isValueNode()) {
            String text = scalarText(v, pathOf(field));
            return text == null ? List.of() : List.of(new Placed(text, pathOf(field)));
        }
        return list(field, (item, itemPath) -> {
            String text = scalarText(item, itemPath);
            return text == null ? null : new Placed(text, itemPath);
        });
    }

    /** A problem with a value read by {@link #placedStrings}, named by its own path. */
    void problem(Placed at, String message) {
        problems.add(at.path(), message);
    }

    /** A file path, resolved against the directory of kustos.yaml when relative. */
    Path path(String field) {
        return toPath(string(field), pathOf(field));
    }

    List<Path> paths(String field) {
        return list(field, (item, itemPath) -> toPath(scalarText(item, itemPath), itemPath));
    }

    Path resolve(String text) {
        return baseDir.resolve(text).normalize();
    }

    Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            problem(field, show(v) + " is not a boolean (use true or false)");
            return null;
        }
        return v.booleanValue();
    }

    Integer integer(String field, int min, int max) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            problem(field, show(v) + " is not a whole number");
            return null;
        }
        if (!v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            problem(field, show(v) + " is out of range (" + min + ".." + max + ")");
            return null;
        }
        return v.intValue();
    }

    /** A positive duration of at least {@code min} (written {@code minText} in messages). */
    Duration duration(String field, Duration min, String minText) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        Duration d = v.isTextual() ? Durations.parse(v.textValue()).orElse(null) : null;
        if (d == null) {
            problem(field, show(v) + " is not a duration (use e.g. 30s, 5m, 1h30m)");
        } else if (d.isNegative() || d.isZero()) {
            problem(field, show(v) + " is not positive");
        } else if (d.compareTo(min) < 0) {
            problem(field, show(v) + " is too short (at least " + minText + ")");
        } else {
            return d;
        }
        return null;
    }

    /** {@link #duration} that must also be whole seconds (a Kubernetes field counted in seconds). */
    Duration wholeSeconds(String field, Duration min, String minText) {
        Duration d = duration(field, min, minText);
        if (d != null && d.toMillis() % 1000 != 0) {
            problem(field, show(value(field)) + " is not whole seconds (the Lease counts seconds); use e.g. " + Math.max(1, d.toSeconds()) + "s");
            return null;
        }
        return d;
    }

    /**
     * The duration {@code field} of the mapping {@code mapping} when it is a good one, else
     * {@code fallback}; reports nothing (the mapping's own reading does). For a value that another
     * section's default depends on.
     */
    Duration quietDuration(String mapping, String field, Duration fallback) {
        JsonNode m = value(mapping);
        JsonNode v = m == null ? null : m.get(field);
        return v != null && v.isTextual() ? Durations.parse(v.textValue()).filter(d -> !d.isNegative() && !d.isZero()).orElse(fallback)
                : fallback;
    }

    private interface Item<T> {
        T read(JsonNode item, String itemPath);
    }

    private <T> List<T> list(String field, Item<T> reader) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            problem(field, "expected a list, found " + describe(v));
            return null;
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            T item = reader.read(v.get(i), pathOf(field) + "[" + i + "]");
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private String scalarText(JsonNode v, String at) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.add(at, "expected a string, found " + describe(v));
            return null;
        }
        if (v.asText().isBlank()) {
            problems.add(at, "must not be empty");
            return null;
        }
        return v.asText();
    }

    private Path toPath(String text, String at) {
        if (text == null) {
            return null;
        }
        try {
            return resolve(text);
        } catch (InvalidPathException e) {
            problems.add(at, "\"" + text + "\" is not a valid file path");
            return null;
        }
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private void rejectUnknownFields(Class<? extends Record> shape) {
        List<String> known = fields(shape);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(pathOf(name), "unknown field (known: " + knownFields(shape) + ")");
            }
        }
    }

    static String describe(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        } else if (v.isArray()) {
            return "a list";
        } else if (v.isTextual()) {
            return "a string";
        } else if (v.isNumber()) {
            return "a number";
        } else if (v.isBoolean()) {
            return "a boolean";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A scalar as written: strings in double quotes, numbers and booleans bare. */
    static String show(JsonNode v) {
        return v.isValueNode() ? v.toString() : describe(v);
    }
}
