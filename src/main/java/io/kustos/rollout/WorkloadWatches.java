package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;

/**
 * Opens the watch of one kind of workload in one namespace that a rollout wait follows instead of
 * polling: from a resourceVersion the waiter has read, so every later change reaches it, and only
 * of one name when it waits for one workload. fabric8 reconnects a dropped watch by itself from
 * the last resourceVersion it saw; a watch it gives up on (410 Gone among others) is signalled
 * {@link RolloutSignals.Closed}.
 */
@FunctionalInterface
interface WorkloadWatches {
    /** Never opens a watch: every group polls (the WireMock tests of the polling rounds, which speak no websocket). */
    WorkloadWatches NONE = (kind, namespace, name, resourceVersion, signals) -> {
        throw new UnsupportedOperationException("watching is off");
    };

    /**
     * @param name            the one workload waited for, or null for all of the namespace's
     * @param resourceVersion where the watch starts: changes after it are delivered
     * @return closes the watch
     * @throws RuntimeException when the watch cannot start (no {@code watch} permission, no websocket); the group then polls
     */
    AutoCloseable open(String kind, String namespace, String name, String resourceVersion, RolloutSignals signals);

    static WorkloadWatches of(KubernetesClient client) {
        return (kind, namespace, name, resourceVersion, signals) -> {
            var apps = client.apps();
            String group = kind + "/" + namespace;
            var options = new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true)
                    .withFieldSelector(name == null ? null : "metadata.name=" + name).build();
            Watchable<? extends HasMetadata> ops = switch (kind) {
                case "Deployment" -> apps.deployments().inNamespace(namespace);
                case "StatefulSet" -> apps.statefulSets().inNamespace(namespace);
                case "DaemonSet" -> apps.daemonSets().inNamespace(namespace);
                default -> throw new IllegalArgumentException(kind);
            };
            Watch watch = watch(ops, options, group, signals);
            return watch::close;
        };
    }

    private static <T extends HasMetadata> Watch watch(Watchable<T> ops, io.fabric8.kubernetes.api.model.ListOptions options,
                                                        String group, RolloutSignals signals) {
        return ops.watch(options, new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T workload) {
                switch (action) {
                    case ADDED, MODIFIED -> signals.offer(new RolloutSignals.Changed(group, workload));
                    case DELETED -> signals.offer(new RolloutSignals.Deleted(group, workload));
                    default -> { } // BOOKMARK moves fabric8's resourceVersion on; ERROR ends in onClose
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                signals.offer(new RolloutSignals.Closed(group, cause.getMessage()));
            }

            @Override
            public void onClose() {
                // closed by the waiter itself
            }
        });
    }
}
