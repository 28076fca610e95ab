package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.render.ObjectKey;

/** Deletes a ConfigMap or Secret that left git (dry run first, like every write). */
public final class Pruner {
    private final KubernetesClient client;

    public Pruner(KubernetesClient client) {
        this.client = client;
    }

    public void delete(ObjectKey key, boolean dryRun) {
        try {
            var ops = key.kind().equals("Secret") ? client.secrets().inNamespace(key.namespace()).withName(key.name())
                    : client.configMaps().inNamespace(key.namespace()).withName(key.name());
            if (dryRun) {
                ops.dryRun().delete();
            } else {
                ops.delete();
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(e, key, dryRun ? "prune (dry run)" : "prune", null);
        }
    }
}
