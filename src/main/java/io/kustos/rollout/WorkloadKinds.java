package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;

/** The kinds of workload a rollout wait follows, and the client's operations on one kind in one namespace: its reads and its watch. */
final class WorkloadKinds {
    private WorkloadKinds() {
    }

    /** @throws IllegalArgumentException for a kind that is no Deployment, StatefulSet or DaemonSet */
    static FilterWatchListDeletable<? extends HasMetadata, ? extends KubernetesResourceList<? extends HasMetadata>, ?> operations(
            KubernetesClient client, String kind, String namespace) {
        var apps = client.apps();
        return switch (kind) {
            case "Deployment" -> apps.deployments().inNamespace(namespace);
            case "StatefulSet" -> apps.statefulSets().inNamespace(namespace);
            case "DaemonSet" -> apps.daemonSets().inNamespace(namespace);
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
