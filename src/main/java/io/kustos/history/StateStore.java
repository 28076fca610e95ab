package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.reconcile.TransientException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a target's {@link TargetState} in the ConfigMap {@code kustos-state} of its namespace.
 * It is not labelled managed-by Kustos, so pruning never touches it. Written only when it changes.
 */
public final class StateStore {
    public static final String NAME = "kustos-state";
    private static final String GOOD = "lastGood";
    private static final String FAILED = "lastFailed";

    private final KubernetesClient client;
    private final String namespace;
    private final String environment;

    public StateStore(KubernetesClient client, String namespace, String environment) {
        this.client = client;
        this.namespace = namespace;
        this.environment = environment;
    }

    public TargetState load() {
        try {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(NAME).get();
            if (cm == null || cm.getData() == null) {
                return TargetState.EMPTY;
            }
            return new TargetState(cm.getData().get(GOOD), cm.getData().get(FAILED));
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read " + namespace + "/" + NAME + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code next} unless it equals {@code current}. */
    public void save(TargetState current, TargetState next) {
        if (Objects.equals(current, next)) {
            return;
        }
        Map<String, String> data = new HashMap<>();
        if (next.lastGood() != null) {
            data.put(GOOD, next.lastGood());
        }
        if (next.lastFailed() != null) {
            data.put(FAILED, next.lastFailed());
        }
        var cm = new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/part-of", "kustos").addToLabels("kustos.io/environment", environment)
                .endMetadata().withData(data).build();
        try {
            client.configMaps().inNamespace(namespace).resource(cm).fieldManager("kustos").forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot write " + namespace + "/" + NAME + ": " + e.getMessage(), e);
        }
    }
}
