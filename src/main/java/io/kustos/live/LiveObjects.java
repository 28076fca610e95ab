package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * Where {@link LiveStateReader} gets the objects of one kind in one namespace: a list request each
 * ({@link #listing}), or the daemon's watch caches ({@link WatchedObjects}).
 */
public interface LiveObjects {
    List<ConfigMap> configMaps(String namespace);

    List<Secret> secrets(String namespace);

    List<Deployment> deployments(String namespace);

    List<StatefulSet> statefulSets(String namespace);

    List<DaemonSet> daemonSets(String namespace);

    /** The workloads of {@code kind} ({@code Deployment}, {@code StatefulSet} or {@code DaemonSet}) in {@code namespace}. */
    default List<? extends HasMetadata> workloads(String kind, String namespace) {
        return switch (kind) {
            case "Deployment" -> deployments(namespace);
            case "StatefulSet" -> statefulSets(namespace);
            case "DaemonSet" -> daemonSets(namespace);
            default -> throw new IllegalArgumentException("not a workload kind: " + kind);
        };
    }

    /** One list request per call. */
    static LiveObjects listing(KubernetesClient client) {
        return new LiveObjects() {
            @Override
            public List<ConfigMap> configMaps(String ns) {
                return client.configMaps().inNamespace(ns).list().getItems();
            }

            @Override
            public List<Secret> secrets(String ns) {
                return client.secrets().inNamespace(ns).list().getItems();
            }

            @Override
            public List<Deployment> deployments(String ns) {
                return client.apps().deployments().inNamespace(ns).list().getItems();
            }

            @Override
            public List<StatefulSet> statefulSets(String ns) {
                return client.apps().statefulSets().inNamespace(ns).list().getItems();
            }

            @Override
            public List<DaemonSet> daemonSets(String ns) {
                return client.apps().daemonSets().inNamespace(ns).list().getItems();
            }
        };
    }
}
