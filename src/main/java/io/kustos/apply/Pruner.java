package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.render.ObjectKey;

import java.util.function.UnaryOperator;

/**
 * Deletes a ConfigMap or Secret that left git (dry run first, like every write). The delete is
 * conditional on the resourceVersion Kustos read: an object changed or recreated since (perhaps
 * without Kustos's labels) is not deleted; the conflict is reported instead.
 */
public final class Pruner {
    private final KubernetesClient client;

    public Pruner(KubernetesClient client) {
        this.client = client;
    }

    public void delete(ObjectKey key, String resourceVersion, boolean dryRun) {
        try {
            var ops = key.kind().equals("Secret") ? client.secrets().inNamespace(key.namespace()).withName(key.name())
                    : client.configMaps().inNamespace(key.namespace()).withName(key.name());
            if (dryRun) {
                ops.dryRun().delete();
            } else if (resourceVersion != null) {
                ops.lockResourceVersion(resourceVersion).delete();
            } else {
                ops.delete();
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(e, client.getMasterUrl(), key.toString(), dryRun ? "prune (dry run)" : "prune", UnaryOperator.identity());
        }
    }
}
