package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kustos.failure.RetryDelay;
import io.kustos.testsupport.MovingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 review: a watch that cannot be started for a reason that may pass (the API server away,
 * a 5xx) is tried again with the daemon's backoff — one interval, doubled per failed start, at most
 * {@link RetryDelay#MAX_FACTOR} intervals — not at every drift check; its readers list meanwhile.
 */
class AWatchThatCannotStartBacksOffTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void failedStartsAreTriedAgainAfterADoublingCappedWait() {
        var clock = new MovingClock(Instant.parse("2026-12-05T12:00:00Z"));
        AtomicInteger starts = new AtomicInteger();
        Supplier<SharedIndexInformer<ConfigMap>> failing = () -> {
            starts.incrementAndGet();
            throw new KubernetesClientException("service unavailable", 503, null);
        };
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build();
             var watches = new ClusterWatches(client, new RetryDelay(INTERVAL), clock)) {
            int expected = 0;
            for (int wait : new int[]{1, 2, 4, 8, 8}) {
                read(watches, failing);
                assertEquals(++expected, starts.get(), "a start is due");
                clock.advance(INTERVAL.multipliedBy(wait).minusSeconds(1));
                read(watches, failing);
                assertEquals(expected, starts.get(), "not tried again before " + wait + " intervals");
                clock.advance(Duration.ofSeconds(1));
            }
        }
    }

    private static void read(ClusterWatches watches, Supplier<SharedIndexInformer<ConfigMap>> start) {
        assertThrows(WatchedObjects.WatchUnavailableException.class, () -> watches.items("ConfigMap", "ns", start), "the reader lists");
    }
}
