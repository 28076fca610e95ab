package io.kustos.cluster.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** JSON and YAML reading and writing for object trees. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a JSON object; a malformed body or a non-object is a 400. */
    public static ObjectNode parseObject(String body) {
        return asObject(read(MAPPER, body));
    }

    /** Parses a YAML or JSON object (apply patches may be either). */
    public static ObjectNode parseYamlObject(String body) {
        return asObject(read(YAML, body));
    }

    public static JsonNode parse(String body) {
        return read(MAPPER, body);
    }

    private static JsonNode read(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiError.badRequest("the request body is empty");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body could not be decoded: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode asObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ApiError.badRequest("the body must be a JSON object");
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object at {@code path} (field names), created when missing. */
    public static ObjectNode with(ObjectNode root, String... path) {
        ObjectNode node = root;
        for (String field : path) {
            JsonNode child = node.get(field);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(field);
            }
            node = (ObjectNode) child;
        }
        return node;
    }

    /** Text at a path of field names, or null. */
    public static String text(JsonNode root, String... path) {
        JsonNode node = root;
        for (String field : path) {
            node = node.path(field);
        }
        return node.isValueNode() ? node.asText() : null;
    }
}
