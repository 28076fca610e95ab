package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.render.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A source that cannot be read: every poll fails, is reported, and the next timed poll backs off up to 8 intervals. */
class BackoffOnSourceErrorsTest {

    @Test
    void repeatedSourceErrorsDoubleTheDelayUpToEightIntervals(@TempDir Path tmp) {
        String missing = tmp.resolve("no-such-repo.git").toUri().toString();
        var config = ConfigLoader.parse("""
                sources:
                  config:   { url: "%s" }
                  releases: { url: "%s" }
                targets: [ { environment: staging, namespace: staging } ]
                sync: { interval: 1m }
                """.formatted(missing, missing), tmp, "kustos.yaml", Map.of());
        List<KustosException> errors = new ArrayList<>();
        try (var clients = new ClusterClients(tmp.resolve("unused.kubeconfig"), null)) {
            var loop = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, r -> fail("no reconcile"), new LoopObserver() {
                @Override
                public void sourcesPolled(Duration took, KustosException error) {
                    errors.add(error);
                }
            });
            assertEquals(Duration.ofMinutes(1), loop.nextDelay());
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assertTrue(loop.runOnce().isEmpty());
                delays.add(loop.nextDelay());
            }
            assertEquals(List.of(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(8),
                    Duration.ofMinutes(8)), delays);
            assertEquals(5, loop.consecutiveFailures());
            assertEquals(5, errors.size());
            assertTrue(errors.stream().allMatch(e -> e != null), "every failed poll is reported: " + errors);
        }
    }
}
