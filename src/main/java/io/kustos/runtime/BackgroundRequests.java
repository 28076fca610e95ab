package io.kustos.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.runtime.shard.ReconcileRequests;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Records requests ({@link ReconcileRequests}) for the other replicas in the background, one at a time: a burst of
 * webhooks while one is being recorded makes exactly one more record, never one each (only the last one matters to
 * the replicas that read it).
 */
final class BackgroundRequests implements AutoCloseable {
    private final SingleFlight flight;

    /** @param failed told the reasons coalesced into a record the API server refused or did not answer */
    BackgroundRequests(String name, ReconcileRequests requests, BiConsumer<Set<String>, KubernetesClientException> failed) {
        this.flight = new SingleFlight(name, reasons -> {
            try {
                requests.request();
            } catch (KubernetesClientException e) {
                failed.accept(reasons, e);
            }
        });
        flight.start();
    }

    /** Records a request soon; coalesced with one already waiting. */
    void record(String reason) {
        flight.trigger(reason);
    }

    @Override
    public void close() {
        try {
            flight.stop(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
