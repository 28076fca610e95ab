package io.kustos.cluster.embedded.ssa;

import java.util.List;
import java.util.Map;

/**
 * How server-side apply treats a list field, after the Kubernetes OpenAPI markers
 * ({@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}) for the kinds the
 * embedded cluster serves. Lists not named here are atomic: owned and replaced as a whole.
 */
public final class ListSchema {

    /** How a list merges. */
    public enum Type { ATOMIC, SET, MAP }

    private static final Map<String, List<String>> KEYS_BY_FIELD = Map.ofEntries(
            Map.entry("containers", List.of("name")),
            Map.entry("initContainers", List.of("name")),
            Map.entry("ephemeralContainers", List.of("name")),
            Map.entry("env", List.of("name")),
            Map.entry("volumes", List.of("name")),
            Map.entry("volumeMounts", List.of("mountPath")),
            Map.entry("volumeDevices", List.of("devicePath")),
            Map.entry("imagePullSecrets", List.of("name")),
            Map.entry("conditions", List.of("type")),
            Map.entry("ownerReferences", List.of("uid")),
            Map.entry("hostAliases", List.of("ip")),
            Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")));

    private ListSchema() {
    }

    public static Type type(FieldPath listPath) {
        String field = fieldName(listPath);
        if (field.equals("finalizers")) {
            return Type.SET;
        }
        return keys(listPath).isEmpty() ? Type.ATOMIC : Type.MAP;
    }

    /** Key fields of an associative list; empty for atomic lists and sets. */
    public static List<String> keys(FieldPath listPath) {
        String field = fieldName(listPath);
        if (field.equals("ports")) {
            boolean inContainer = listPath.elements().stream().anyMatch(e -> e.startsWith("k:"));
            return inContainer ? List.of("containerPort", "protocol") : List.of("port", "protocol");
        }
        return KEYS_BY_FIELD.getOrDefault(field, List.of());
    }

    /** Values the server defaults on key fields, so a key that omits them still matches. */
    static String defaultKeyValue(String keyField) {
        return keyField.equals("protocol") ? "TCP" : null;
    }

    private static String fieldName(FieldPath path) {
        String last = path.last();
        return last.startsWith("f:") ? last.substring(2) : "";
    }
}
