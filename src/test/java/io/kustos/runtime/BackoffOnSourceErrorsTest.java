package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureKind;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.render.Renderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A source that cannot be read: every poll fails and is reported. The next timed poll comes from
 * the failure: one that may pass (an unreachable remote) backs off up to 8 intervals; one a person
 * must fix (no such repository) is polled at the interval, which finds the fix.
 */
class BackoffOnSourceErrorsTest {

    @Test
    void repeatedSourceErrorsDoubleTheDelayUpToEightIntervals(@TempDir Path tmp) {
        // nothing listens on port 1 of loopback: the connection is refused, which may pass
        List<KustosException> errors = new ArrayList<>();
        List<Duration> delays = pollFiveTimes(tmp, "http://127.0.0.1:1/no-such-repo.git", errors);
        assertEquals(List.of(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(8),
                Duration.ofMinutes(8)), delays);
        assertEquals(5, errors.size());
        assertTrue(errors.stream().allMatch(e -> e != null && e.reason().kind() == FailureKind.TRANSIENT), "every failed poll is reported: " + errors);
    }

    @Test
    void aSourceAPersonMustFixIsPolledAtTheInterval(@TempDir Path tmp) {
        List<KustosException> errors = new ArrayList<>();
        List<Duration> delays = pollFiveTimes(tmp, tmp.resolve("no-such-repo.git").toUri().toString(), errors);
        assertEquals(Collections.nCopies(5, Duration.ofMinutes(1)), delays);
        assertEquals(5, errors.size());
        assertTrue(errors.stream().allMatch(e -> e != null && e.reason().kind() == FailureKind.STALLING), "every failed poll is reported: " + errors);
    }

    private static List<Duration> pollFiveTimes(Path tmp, String url, List<KustosException> errors) {
        KustosConfig config = ConfigLoader.parse("""
                sources:
                  config:   { url: "%s" }
                  releases: { url: "%s" }
                targets: [ { environment: staging, namespace: staging } ]
                sync: { interval: 1m }
                """.formatted(url, url), tmp, "kustos.yaml", Map.of());
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
            assertEquals(5, loop.consecutiveFailures());
            return delays;
        }
    }
}
