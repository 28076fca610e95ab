package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureKind;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.render.Renderer;
import io.kustos.source.ForcePushRefusedException;
import io.kustos.source.GitSource;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The daemon's loop over a force-pushed source: every poll fails with the stalling refusal (reported,
 * nothing reconciled, so the cluster keeps the last good state), and the next poll comes at the
 * interval, without backoff: a person must push the old history back or allow the rewrite.
 */
class ForcePushStallsTheLoopTest {

    @Test
    void aForcePushedSourceIsRefusedAtEveryPollWithoutReconciling(@TempDir Path tmp) {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of("environments/staging/release.yaml", "image: 1\n"))) {
            String first = repo.head();
            repo.commit("second", Map.of("environments/staging/release.yaml", "image: 2\n"));
            KustosConfig config = TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl());
            // the last process fetched the second commit into the cache
            new GitSource("config", config.sources().config(), config.cacheDir()).poll();
            new GitSource("releases", config.sources().releases(), config.cacheDir()).poll();
            repo.forcePush(first, "rewritten");

            List<KustosException> errors = new ArrayList<>();
            try (var clients = new ClusterClients(tmp.resolve("unused.kubeconfig"), null)) {
                var loop = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, r -> fail("no reconcile"), new LoopObserver() {
                    @Override
                    public void sourcesPolled(Duration took, KustosException error) {
                        errors.add(error);
                    }
                });
                for (int i = 0; i < 3; i++) {
                    assertTrue(loop.runOnce().isEmpty());
                    assertEquals(config.sync().interval(), loop.nextDelay(), "polled at the interval, no backoff");
                }
            }
            assertEquals(3, errors.size());
            assertTrue(errors.stream().allMatch(e -> e instanceof ForcePushRefusedException && e.reason().kind() == FailureKind.STALLING),
                    "every poll is refused: " + errors);
        }
    }
}
