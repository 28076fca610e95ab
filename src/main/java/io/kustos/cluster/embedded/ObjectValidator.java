package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The validation users hit first on a real API server: name formats, label and annotation keys,
 * ConfigMap and Secret keys and sizes, and the basic shape of workloads. Answers 422 Invalid.
 */
final class ObjectValidator {

    private static final Set<String> LABEL_NAMED = Set.of("Namespace");
    private static final Set<String> DNS1035_NAMED = Set.of("Service");
    private static final long MAX_DATA_BYTES = 1024 * 1024;
    private static final long MAX_ANNOTATION_BYTES = 256 * 1024;

    void validate(ResourceType type, ObjectNode object, ObjectNode old) {
        Violations v = new Violations();
        String name = Json.text(object, "metadata", "name");
        if (name == null || name.isEmpty()) {
            v.required("metadata.name");
        } else {
            nameRule(type.kind()).apply(name).forEach(msg -> v.invalid("metadata.name", name, msg));
        }
        labelsAndAnnotations(object.path("metadata"), "metadata", v);
        switch (type.kind()) {
            case "ConfigMap" -> configData(object, List.of("data", "binaryData"), v);
            case "Secret" -> configData(object, List.of("data", "stringData"), v);
            case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet" -> workload(object, old, v);
            case "Job" -> job(object, v);
            default -> { }
        }
        v.throwIfAny(type.kind(), name == null ? "" : name);
    }

    private static Function<String, List<String>> nameRule(String kind) {
        if (LABEL_NAMED.contains(kind)) {
            return NameRules::dns1123Label;
        }
        if (DNS1035_NAMED.contains(kind)) {
            return NameRules::dns1035Label;
        }
        return NameRules::dns1123Subdomain;
    }

    static void labelsAndAnnotations(JsonNode meta, String prefix, Violations v) {
        for (Map.Entry<String, JsonNode> e : fields(meta.path("labels"))) {
            NameRules.qualifiedName(e.getKey()).forEach(m -> v.invalid(prefix + ".labels", e.getKey(), m));
            String value = e.getValue().asText();
            NameRules.labelValue(value).forEach(m -> v.invalid(prefix + ".labels", value, m));
        }
        long size = 0;
        for (Map.Entry<String, JsonNode> e : fields(meta.path("annotations"))) {
            NameRules.qualifiedName(e.getKey()).forEach(m -> v.invalid(prefix + ".annotations", e.getKey(), m));
            size += e.getKey().length() + e.getValue().asText().length();
        }
        if (size > MAX_ANNOTATION_BYTES) {
            v.tooLong(prefix + ".annotations", MAX_ANNOTATION_BYTES);
        }
    }

    /** The bytes a value holds, as the API server counts them: a Secret's data and a ConfigMap's binaryData decoded from base64. */
    private static long valueBytes(ObjectNode object, String map, String value) {
        boolean base64 = map.equals("binaryData") || (map.equals("data") && object.path("kind").asText().equals("Secret"));
        if (!base64) {
            return value.getBytes(StandardCharsets.UTF_8).length;
        }
        int padding = value.endsWith("==") ? 2 : value.endsWith("=") ? 1 : 0;
        return value.length() / 4L * 3 - padding;
    }

    private static void configData(ObjectNode object, List<String> maps, Violations v) {
        long total = 0;
        for (String map : maps) {
            for (Map.Entry<String, JsonNode> e : fields(object.path(map))) {
                String field = map + "[" + e.getKey() + "]";
                NameRules.configKey(e.getKey()).forEach(m -> v.invalid(field, e.getKey(), m));
                total += e.getKey().length() + valueBytes(object, map, e.getValue().asText());
            }
        }
        if (object.path("data").has("") || total > MAX_DATA_BYTES) {
            v.tooLong(maps.get(0), MAX_DATA_BYTES);
        }
        for (Map.Entry<String, JsonNode> e : fields(object.path("binaryData"))) {
            if (object.path("data").has(e.getKey())) {
                v.invalid("data[" + e.getKey() + "]", e.getKey(), "duplicate of key present in binaryData");
            }
        }
    }

    private static void workload(ObjectNode object, ObjectNode old, Violations v) {
        JsonNode spec = object.path("spec");
        JsonNode selector = spec.path("selector");
        if (selector.isMissingNode() || selector.isNull() || selector.isEmpty()) {
            v.required("spec.selector");
        } else {
            JsonNode labels = spec.path("template").path("metadata").path("labels");
            for (Map.Entry<String, JsonNode> e : fields(selector.path("matchLabels"))) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    v.invalid("spec.template.metadata.labels", Json.write(labels),
                            "`selector` does not match template `labels`");
                    break;
                }
            }
            if (old != null && !selector.equals(old.path("spec").path("selector"))) {
                v.invalid("spec.selector", Json.write(selector), "field is immutable");
            }
        }
        podTemplate(spec.path("template"), v);
    }

    private static void job(ObjectNode object, Violations v) {
        JsonNode template = object.path("spec").path("template");
        podTemplate(template, v);
        String policy = template.path("spec").path("restartPolicy").asText("");
        if (!policy.equals("OnFailure") && !policy.equals("Never")) {
            v.unsupported("spec.template.spec.restartPolicy", policy, List.of("OnFailure", "Never"));
        }
    }

    private static void podTemplate(JsonNode template, Violations v) {
        labelsAndAnnotations(template.path("metadata"), "spec.template.metadata", v);
        JsonNode containers = template.path("spec").path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            v.required("spec.template.spec.containers");
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            String field = "spec.template.spec.containers[" + i + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                v.required(field + ".name");
            } else {
                NameRules.dns1123Label(name).forEach(m -> v.invalid(field + ".name", name, m));
            }
            if (c.path("image").asText("").isBlank()) {
                v.required(field + ".image");
            }
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> it = node.isObject() ? node.properties().iterator()
                : java.util.Collections.emptyIterator();
        return () -> it;
    }
}
