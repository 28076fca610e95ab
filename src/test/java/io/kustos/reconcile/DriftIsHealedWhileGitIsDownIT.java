package io.kustos.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.embedded.Kubectl;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureKind;
import io.kustos.failure.KustosException;
import io.kustos.render.Renderer;
import io.kustos.runtime.DaemonStatus;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Healing works from the last rendered state and does not need git: with the remote down, a hand
 * edit is restored at the next poll, while the failed poll is still reported (/status says the
 * sources failed) and counted for the backoff.
 */
class DriftIsHealedWhileGitIsDownIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHandEditIsRestoredWhileTheRemoteIsUnreachable(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            KustosConfig config = ConfigLoader.load(h.kustosYaml());
            var status = new DaemonStatus(List.of("staging"), () -> false, () -> true, Clock.systemUTC());
            List<KustosException> pollErrors = new CopyOnWriteArrayList<>();
            var loop = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, status::reported, new LoopObserver() {
                @Override
                public void sourcesPolled(Duration took, KustosException error) {
                    status.polled(error);
                    if (error != null) {
                        pollErrors.add(error);
                    }
                }
            });
            assertInstanceOf(TargetOutcome.Applied.class, loop.runOnce().orElseThrow().targets().get(0));
            assertTrue(loop.runOnce().isEmpty(), "in sync");

            h.git().close(); // the remote is gone: every poll from now on fails
            new Kubectl(h.cluster().kubeconfig()).run("patch", "configmap", "app-config", "-n", h.namespace(),
                    "--type", "merge", "-p", "{\"data\":{\"A\":\"by-hand\"}}").ok();

            Optional<ReconcileReport> healed = await("the hand edit to be restored while git is down")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                    .until(loop::runOnce, Optional::isPresent);
            var outcome = healed.orElseThrow().targets().get(0);
            assertInstanceOf(TargetOutcome.Drifted.class, outcome, healed.toString());
            assertTrue(((TargetOutcome.Drifted) outcome).restored(), outcome.toString());
            assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));

            assertFalse(pollErrors.isEmpty(), "the failed polls are reported");
            assertEquals(FailureKind.TRANSIENT, pollErrors.get(pollErrors.size() - 1).reason().kind());
            assertEquals(pollErrors.size(), loop.consecutiveFailures(), "each failed poll counts for the backoff");
            assertTrue(loop.nextDelay().compareTo(config.sync().interval()) > 0, "backing off: " + loop.nextDelay());
            JsonNode shown = JSON.readTree(status.json());
            assertFalse(shown.at("/sources/ok").asBoolean(), "the heal does not hide the failed poll: " + shown);
            assertTrue(shown.at("/sources/error").asText().contains("source 'config'"), shown.toString());
            assertEquals("drift_corrected", shown.at("/environments/staging/outcome").asText(), shown.toString());
        }
    }
}
