package io.kustos.cluster.embedded;

import java.util.List;

/**
 * One kind of object the embedded cluster serves, as its discovery document describes it.
 *
 * @param group        API group, empty for the core group
 * @param version      API version within the group
 * @param plural       resource name used in URLs
 * @param singular     singular name
 * @param kind         object kind
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names
 * @param subresources subresource names (status, scale)
 * @param tracksGeneration whether spec changes bump metadata.generation
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> subresources,
                           boolean tracksGeneration) {

    /** The verbs the embedded cluster accepts on every resource. */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The URL prefix of this group version, {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** The collection URL, in a namespace when the type is namespaced. */
    public String collectionPath(String namespace) {
        if (namespaced && namespace != null) {
            return groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
        }
        return groupVersionPath() + "/" + plural;
    }

    /** The URL of one object. */
    public String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + name;
    }

    public boolean hasStatus() {
        return subresources.contains("status");
    }
}
