package io.kustos.reconcile;

import io.kustos.testsupport.RunsAlone;
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
@RunsAlone
class DriftIsHealedWhileGitIsDownIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHandEditIsRestoredWhileTheRemoteIsUnreachable(String clusterName, @TempDir Path tmp) throws Exception {
        healsWhileGitIsDown(clusterName, tmp, "connection failed", h -> h.git().close()); // refused at once
    }

    /** A remote that accepts connections and never answers: each poll times out (2s), then heals. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHandEditIsRestoredWhileTheRemoteStalls(String clusterName, @TempDir Path tmp) throws Exception {
        List<java.net.Socket> silent = new CopyOnWriteArrayList<>();
        var stall = new java.util.concurrent.atomic.AtomicReference<java.net.ServerSocket>();
        try {
            healsWhileGitIsDown(clusterName, tmp, "timed out", h -> {
                int port = h.git().port();
                h.git().close();
                try {
                    var server = new java.net.ServerSocket();
                    server.setReuseAddress(true);
                    server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                    stall.set(server);
                    var acceptor = new Thread(() -> {
                        while (!server.isClosed()) {
                            try {
                                silent.add(server.accept()); // held open, never answered
                            } catch (java.io.IOException e) {
                                return;
                            }
                        }
                    }, "stalled-git-remote");
                    acceptor.setDaemon(true);
                    acceptor.start();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } finally {
            if (stall.get() != null) {
                stall.get().close();
            }
            for (var socket : silent) {
                socket.close();
            }
        }
    }

    /** @param why what the failed polls say */
    private static void healsWhileGitIsDown(String clusterName, Path tmp, String why, java.util.function.Consumer<KustosHarness> takeGitDown)
            throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            java.nio.file.Files.writeString(h.kustosYaml(),
                    java.nio.file.Files.readString(h.kustosYaml()).replace("branch: main,", "branch: main, timeout: 2s,"));
            KustosConfig config = ConfigLoader.load(h.kustosYaml());
            assertEquals(Duration.ofSeconds(2), config.sources().config().timeout());
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

            takeGitDown.accept(h); // every poll from now on fails
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
            assertTrue(pollErrors.get(pollErrors.size() - 1).getMessage().contains(why), pollErrors.toString());
            assertEquals(pollErrors.size(), loop.consecutiveFailures(), "each failed poll counts for the backoff");
            assertTrue(loop.nextDelay().compareTo(config.sync().interval()) > 0, "backing off: " + loop.nextDelay());
            JsonNode shown = JSON.readTree(status.json());
            assertFalse(shown.at("/sources/ok").asBoolean(), "the heal does not hide the failed poll: " + shown);
            assertTrue(shown.at("/sources/error").asText().contains("source 'config'"), shown.toString());
            assertEquals("drift_corrected", shown.at("/environments/staging/outcome").asText(), shown.toString());
        }
    }
}
