package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.config.Target;
import io.kustos.history.EventRecorder;
import io.kustos.history.HistoryStore;

/** One environment's way into its cluster: the client, its history and its Events. */
record EnvironmentAccess(Target target, KubernetesClient client, HistoryStore store, EventRecorder events) {
    String environment() {
        return target.environment();
    }
}
