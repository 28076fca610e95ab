package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Decodes the Kubernetes protobuf envelope ({@code k8s\0} + runtime.Unknown) that kubectl 1.3x
 * sends for typed requests ({@code kubectl create configmap|secret|deployment|job|namespace}) into
 * the JSON object the rest of the cluster works with.
 *
 * <p>Protobuf cannot tell an unset scalar from a zero one; like Go's JSON encoding with
 * {@code omitempty}, empty strings and zero numbers or false are left out, except for the pointer
 * fields below, where zero is a real value.
 */
final class ProtobufDecoder {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final Set<String> ZERO_MEANINGFUL = Set.of("replicas", "parallelism", "completions",
            "backoffLimit", "activeDeadlineSeconds", "progressDeadlineSeconds", "revisionHistoryLimit",
            "terminationGracePeriodSeconds", "deletionGracePeriodSeconds", "automountServiceAccountToken",
            "immutable", "suspend", "partition", "controller", "blockOwnerDeletion", "runAsNonRoot", "runAsUser",
            "runAsGroup", "privileged", "readOnlyRootFilesystem", "allowPrivilegeEscalation", "enableServiceLinks",
            "optional", "defaultMode", "ttlSecondsAfterFinished", "gracePeriodSeconds", "orphanDependents");

    private final ProtobufFields fields = ProtobufFields.get();

    static boolean isEnvelope(byte[] body) {
        if (body == null || body.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The JSON object in a protobuf request body. */
    ObjectNode decode(byte[] body) {
        if (!isEnvelope(body)) {
            throw unsupported("not a Kubernetes protobuf envelope");
        }
        ProtobufReader unknown = new ProtobufReader(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        while (unknown.more()) {
            int tag = unknown.tag();
            if (tag >>> 3 == 1) {
                ProtobufReader typeMeta = unknown.message();
                while (typeMeta.more()) {
                    int t = typeMeta.tag();
                    if (t >>> 3 == 1) {
                        apiVersion = typeMeta.string();
                    } else if (t >>> 3 == 2) {
                        kind = typeMeta.string();
                    } else {
                        typeMeta.skip(t);
                    }
                }
            } else if (tag >>> 3 == 2) {
                raw = unknown.bytes();
            } else {
                unknown.skip(tag);
            }
        }
        String message = messageFor(apiVersion, kind);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.setAll(decodeMessage(message, new ProtobufReader(raw, 0, raw.length)));
        return object;
    }

    private String messageFor(String apiVersion, String kind) {
        String message;
        if (kind.equals("DeleteOptions")) {
            message = META + kind;
        } else if (apiVersion.equals("v1")) {
            message = "k8s.io.api.core.v1." + kind;
        } else {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            message = "k8s.io.api." + group + "." + apiVersion.substring(slash + 1) + "." + kind;
        }
        if (!fields.knows(message)) {
            throw unsupported("protobuf is not supported for " + apiVersion + " " + kind + "; send JSON");
        }
        return message;
    }

    private ObjectNode decodeMessage(String message, ProtobufReader in) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (in.more()) {
            int tag = in.tag();
            ProtobufFields.Field field = fields.field(message, tag >>> 3);
            if (field == null) {
                in.skip(tag);
                continue;
            }
            switch (field.label()) {
                case "many" -> {
                    JsonNode value = value(field.type(), in, tag);
                    if (value != null) {
                        node.withArray(field.name()).add(value);
                    }
                }
                case "map" -> {
                    ProtobufReader entry = in.message();
                    String key = "";
                    JsonNode value = JsonNodeFactory.instance.textNode("");
                    while (entry.more()) {
                        int t = entry.tag();
                        if (t >>> 3 == 1) {
                            key = entry.string();
                        } else if (t >>> 3 == 2) {
                            value = value(field.type(), entry, t);
                        } else {
                            entry.skip(t);
                        }
                    }
                    node.withObjectProperty(field.name()).set(key, value);
                }
                default -> {
                    JsonNode value = value(field.type(), in, tag);
                    if (value != null && !isOmittedZero(field.name(), value)) {
                        node.set(field.name(), value);
                    }
                }
            }
        }
        return node;
    }

    private static boolean isOmittedZero(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.asText().isEmpty();
        }
        boolean zero = (value.isNumber() && value.asDouble() == 0) || (value.isBoolean() && !value.asBoolean());
        return zero && !ZERO_MEANINGFUL.contains(name);
    }

    private JsonNode value(String type, ProtobufReader in, int tag) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (type) {
            case "string" -> f.textNode(in.string());
            case "bytes" -> f.textNode(Base64.getEncoder().encodeToString(in.bytes()));
            case "int32" -> f.numberNode((int) in.varint());
            case "int64" -> f.numberNode(in.varint());
            case "bool" -> f.booleanNode(in.varint() != 0);
            case "double" -> f.numberNode(Double.longBitsToDouble(in.fixed64()));
            case "float" -> f.numberNode(Float.intBitsToFloat(in.fixed32()));
            default -> special(type, in.message());
        };
    }

    private JsonNode special(String type, ProtobufReader in) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type) {
            case META + "Time", META + "MicroTime" -> {
                long seconds = 0;
                while (in.more()) {
                    int t = in.tag();
                    if (t >>> 3 == 1) {
                        seconds = in.varint();
                    } else {
                        in.skip(t);
                    }
                }
                return seconds == 0 ? null : f.textNode(Instant.ofEpochSecond(seconds).toString());
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                ObjectNode raw = decodeFields(in);
                return raw.path("type").asLong() == 1 ? f.textNode(raw.path("strVal").asText(""))
                        : f.numberNode(raw.path("intVal").asInt());
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return f.textNode(decodeFields(in).path("string").asText(""));
            }
            case META + "FieldsV1", "k8s.io.apimachinery.pkg.runtime.RawExtension" -> {
                byte[] raw = new byte[0];
                while (in.more()) {
                    int t = in.tag();
                    if (t >>> 3 == 1) {
                        raw = in.bytes();
                    } else {
                        in.skip(t);
                    }
                }
                return raw.length == 0 ? null : Json.parse(new String(raw, StandardCharsets.UTF_8));
            }
            default -> {
                return fields.knows(type) ? decodeMessage(type, in) : null;
            }
        }
    }

    private ObjectNode decodeFields(ProtobufReader in) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (in.more()) {
            int t = in.tag();
            switch (t >>> 3) {
                case 1 -> node.put("type", in.varint());
                case 2 -> node.put("intVal", (int) in.varint());
                case 3 -> node.put("strVal", in.string());
                default -> in.skip(t);
            }
        }
        return node;
    }

    private static ApiError unsupported(String message) {
        return new ApiError(415, "UnsupportedMediaType", message, null, null, java.util.List.of());
    }
}
