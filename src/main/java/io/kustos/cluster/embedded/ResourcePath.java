package io.kustos.cluster.embedded;

import java.util.Arrays;
import java.util.Optional;

/**
 * A request path resolved against the catalog: which type, namespace, object and subresource.
 *
 * @param type        the resource type
 * @param namespace   namespace from the URL, null for cluster-scoped or all-namespace requests
 * @param name        object name, null for collection requests
 * @param subresource subresource (status, scale), null for the object itself
 */
public record ResourcePath(ResourceType type, String namespace, String name, String subresource) {

    /** Resolves {@code /api/v1/...} or {@code /apis/group/version/...}; empty if not a resource URL. */
    public static Optional<ResourcePath> parse(String rawPath, ResourceCatalog catalog) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        String group;
        String version;
        int rest;
        if (all.length >= 3 && all[0].equals("api")) {
            group = "";
            version = all[1];
            rest = 2;
        } else if (all.length >= 4 && all[0].equals("apis")) {
            group = all[1];
            version = all[2];
            rest = 3;
        } else {
            return Optional.empty();
        }
        String[] s = Arrays.copyOfRange(all, rest, all.length);
        if (s.length >= 3 && s[0].equals("namespaces")) {
            Optional<ResourceType> nested = catalog.byPlural(group, version, s[2]);
            if (nested.isPresent() && nested.get().namespaced()) {
                return Optional.of(new ResourcePath(nested.get(), s[1], at(s, 3), at(s, 4)));
            }
        }
        return catalog.byPlural(group, version, s[0])
                .map(t -> new ResourcePath(t, null, at(s, 1), at(s, 2)));
    }

    private static String at(String[] segments, int index) {
        return index < segments.length ? segments[index] : null;
    }

    public boolean isCollection() {
        return name == null;
    }

    public boolean isStatus() {
        return "status".equals(subresource);
    }

    /** The canonical URL of the object this path names. */
    public String objectPath() {
        return type.objectPath(namespace, name);
    }
}
