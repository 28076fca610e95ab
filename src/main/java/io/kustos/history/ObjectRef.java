package io.kustos.history;

import io.kustos.render.ObjectKey;
import java.util.Locale;

/**
 * A ConfigMap or Secret as a user names it: {@code configmap/NAME}, {@code cm/NAME},
 * {@code secret/NAME}, optionally with the namespace, {@code configmap/NAMESPACE/NAME}.
 *
 * @param kind      {@code ConfigMap} or {@code Secret}
 * @param namespace null when not given: any namespace of the environment
 */
public record ObjectRef(String kind, String namespace, String name) {

    /** @throws IllegalArgumentException with a message for the user */
    public static ObjectRef parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an object: use configmap/NAME or secret/NAME"
                    + " (or KIND/NAMESPACE/NAME)");
        }
        String kind = switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "configmap", "configmaps", "cm" -> "ConfigMap";
            case "secret", "secrets" -> "Secret";
            default -> throw new IllegalArgumentException("kind \"" + parts[0]
                    + "\" is not in the config repo: use configmap (cm) or secret");
        };
        return parts.length == 2 ? new ObjectRef(kind, null, parts[1]) : new ObjectRef(kind, parts[1], parts[2]);
    }

    public boolean matches(ObjectKey key) {
        return key.kind().equals(kind) && key.name().equals(name) && (namespace == null || namespace.equals(key.namespace()));
    }

    @Override
    public String toString() {
        String k = kind.toLowerCase(Locale.ROOT);
        return namespace == null ? k + "/" + name : k + "/" + namespace + "/" + name;
    }
}
