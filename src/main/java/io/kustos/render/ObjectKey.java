package io.kustos.render;

/** Identifies one Kubernetes object: {@code Kind namespace/name}. */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) implements Comparable<ObjectKey> {

    public static ObjectKey configMap(String namespace, String name) {
        return new ObjectKey("v1", "ConfigMap", namespace, name);
    }

    public static ObjectKey secret(String namespace, String name) {
        return new ObjectKey("v1", "Secret", namespace, name);
    }

    /** {@code configmap/staging/tungsten-config}, as a user would type it. */
    @Override
    public String toString() {
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + namespace + "/" + name;
    }

    @Override
    public int compareTo(ObjectKey o) {
        return toString().compareTo(o.toString());
    }
}
