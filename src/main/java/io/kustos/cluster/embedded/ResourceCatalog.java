package io.kustos.cluster.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fixed set of resource types the embedded cluster serves (a subset of Kubernetes 1.20). */
public final class ResourceCatalog {

    private static final List<String> STATUS = List.of("status");
    private static final List<String> STATUS_SCALE = List.of("status", "scale");

    private final List<ResourceType> types = List.of(
            core("namespaces", "namespace", "Namespace", false, List.of("ns"), STATUS),
            core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
            core("secrets", "secret", "Secret", true, List.of(), List.of()),
            core("pods", "pod", "Pod", true, List.of("po"), STATUS),
            core("services", "service", "Service", true, List.of("svc"), STATUS),
            core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
            core("events", "event", "Event", true, List.of("ev"), List.of()),
            core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), List.of()),
            core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true,
                    List.of("pvc"), STATUS),
            core("nodes", "node", "Node", false, List.of("no"), STATUS),
            apps("deployments", "deployment", "Deployment", List.of("deploy")),
            apps("replicasets", "replicaset", "ReplicaSet", List.of("rs")),
            apps("statefulsets", "statefulset", "StatefulSet", List.of("sts")),
            apps("daemonsets", "daemonset", "DaemonSet", List.of("ds")),
            new ResourceType("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision",
                    true, List.of(), List.of(), false),
            new ResourceType("batch", "v1", "jobs", "job", "Job", true, List.of(), STATUS, true),
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(),
                    List.of(), false),
            new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"),
                    List.of(), false),
            // stored only, not enforced (deploy/ manifests load; RBAC is real on realkube only)
            rbac("roles", "role", "Role", true),
            rbac("rolebindings", "rolebinding", "RoleBinding", true),
            rbac("clusterroles", "clusterrole", "ClusterRole", false),
            rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false));

    private static ResourceType rbac(String plural, String singular, String kind, boolean namespaced) {
        return new ResourceType("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, List.of(), List.of(), false);
    }

    private static ResourceType core(String plural, String singular, String kind, boolean namespaced,
                                     List<String> shortNames, List<String> subresources) {
        return new ResourceType("", "v1", plural, singular, kind, namespaced, shortNames, subresources, false);
    }

    private static ResourceType apps(String plural, String singular, String kind, List<String> shortNames) {
        return new ResourceType("apps", "v1", plural, singular, kind, true, shortNames, STATUS_SCALE, true);
    }

    public List<ResourceType> all() {
        return types;
    }

    /** The type served at group/version/plural. */
    public Optional<ResourceType> byPlural(String group, String version, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** The type for an apiVersion and kind, as written in a manifest. */
    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return types.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    public ResourceType require(String apiVersion, String kind) {
        return byKind(apiVersion, kind)
                .orElseThrow(() -> new IllegalArgumentException("not served: " + apiVersion + " " + kind));
    }

    /** Group name to its versions, in catalog order; the core group is the empty string. */
    public Map<String, Set<String>> groupVersions() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        for (ResourceType t : types) {
            result.computeIfAbsent(t.group(), g -> new LinkedHashSet<>()).add(t.version());
        }
        return result;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        List<ResourceType> result = new ArrayList<>();
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.version().equals(version)) {
                result.add(t);
            }
        }
        return result;
    }
}
