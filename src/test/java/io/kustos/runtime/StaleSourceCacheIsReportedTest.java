package io.kustos.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kustos.cluster.ClusterClients;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.render.Renderer;
import io.kustos.source.GitSource;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the daemon, a fetch that could not move the cache's branch (a stale lock file) is a failed
 * poll like an unreachable remote: it counts in kustos_source_errors_total and the status says
 * why, instead of staying ready on the old commit.
 */
class StaleSourceCacheIsReportedTest {

    @Test
    void aFetchThatDidNotMoveTheBranchIsAFailedPoll(@TempDir Path tmp) throws Exception {
        try (TestRepo config = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
             TestRepo releases = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("r.yaml", "r: 1\n"));
             var clients = new ClusterClients(tmp.resolve("unused.kubeconfig"), null)) {
            var cfg = TestRepos.stagingConfig(tmp, config.fileUrl(), releases.fileUrl());
            // the clone a previous run left, with a lock file a killed git left in it
            var earlier = new GitSource("config", cfg.sources().config(), cfg.cacheDir());
            earlier.poll();
            Path lock = earlier.repositoryDir().resolve("refs/heads/main.lock");
            Files.writeString(lock, "");
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            String second = config.commit("second", Map.of("a.yaml", "a: 2\n"));

            var registry = new SimpleMeterRegistry();
            var metrics = new DaemonMetrics(registry, List.of("staging"));
            var status = new DaemonStatus(List.of("staging"), () -> false, () -> true, java.time.Clock.systemUTC());
            var loop = new ReconcileLoop(cfg, new Renderer(Decryptor.NONE), clients, r -> fail("no reconcile"), new LoopObserver() {
                @Override
                public void sourcesPolled(Duration took, KustosException error) {
                    metrics.polled(took, error);
                    status.polled(error);
                }
            });

            assertTrue(loop.runOnce().isEmpty());

            assertEquals(1.0, registry.counter(DaemonMetrics.FETCH_ERRORS).count());
            assertEquals(1, loop.consecutiveFailures());
            // GET /status says why (readiness stays up: it means "can serve webhooks")
            var sources = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.json()).get("sources");
            assertFalse(sources.get("ok").asBoolean(), sources.toString());
            String reason = sources.get("error").asText();
            assertTrue(reason.startsWith("error: source 'config' (" + cfg.sources().config().url() + "): the fetch"
                    + " did not move refs/heads/main of the local clone to the remote head " + second), sources.toString());
            assertFalse(Files.exists(lock), "repaired for the next poll");
            assertEquals(second, earlier.poll().revision().sha());
        }
    }
}
