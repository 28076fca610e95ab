package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.render.ObjectKey;

import java.util.function.UnaryOperator;

/**
 * Deletes a ConfigMap or Secret that left git (dry run first, like every write). The delete is
 * conditional on the resourceVersion Kustos read: an object changed or recreated since (perhaps
 * without Kustos's labels) is not deleted; the conflict is reported instead, never retried. A
 * failure that may pass (5xx, 429, a reset) is sent again ({@link WriteRetry}); an object already
 * gone when a delete is sent again was deleted by the attempt whose answer was lost.
 */
public final class Pruner {
    private final KubernetesClient client;
    private final WriteRetry retry;

    public Pruner(KubernetesClient client) {
        this(client, WriteRetry.standard());
    }

    public Pruner(KubernetesClient client, WriteRetry retry) {
        this.client = WriteRetry.unretried(client);
        this.retry = retry;
    }

    public void delete(ObjectKey key, String resourceVersion, boolean dryRun) {
        var attempts = new java.util.concurrent.atomic.AtomicInteger();
        retry.run(() -> {
            int attempt = attempts.incrementAndGet();
            try {
                send(key, resourceVersion, dryRun);
            } catch (KustosException e) {
                if (attempt > 1 && e.reason() == FailureReason.REFUSED_NOT_FOUND) {
                    return; // gone: an earlier attempt deleted it
                }
                throw e;
            }
        });
    }

    private void send(ObjectKey key, String resourceVersion, boolean dryRun) {
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
