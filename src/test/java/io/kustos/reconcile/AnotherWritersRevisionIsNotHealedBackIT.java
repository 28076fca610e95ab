package io.kustos.reconcile;

import io.kustos.testsupport.RunsAlone;
import ch.qos.logback.classic.Level;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.LogCapture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A daemon settled at one revision does not heal an environment another writer has since moved to
 * a newer one: a {@code kustos apply} of the next commit, then git down so that the daemon heals
 * from its last poll. The daemon sees the difference, reads the history (another revision is last
 * good there) and leaves the newer revision in place, saying so, instead of putting its older one
 * back as drift.
 */
@RunsAlone
class AnotherWritersRevisionIsNotHealedBackIT {
    private static final String FILE = KustosHarness.STAGING_APP_CONFIG;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theNewerRevisionStays(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.withAppConfig(tmp, clusterName);
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()).replace("branch: main,", "branch: main, timeout: 2s,"));
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            assertInstanceOf(TargetOutcome.Applied.class, loop.runOnce().orElseThrow().targets().get(0));
            assertTrue(loop.runOnce().isEmpty(), "in sync");

            h.config().commit("A to 2", Map.of(FILE, configMap("app-config", "A", "2")));
            var other = h.kustos("apply");
            assertEquals(0, other.exit(), other.toString());
            h.git().close(); // the daemon's polls fail from now on: it heals from the revision it polled last

            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            try (var logs = LogCapture.atLevel(Level.INFO)) {
                await("the daemon to see the difference and leave it").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100)).pollInSameThread()
                        .until(() -> {
                            loop.runOnce();
                            return !"2".equals(cms.withName("app-config").get().getData().get("A"))
                                    || logs.events().stream().anyMatch(e -> e.getFormattedMessage().startsWith("staging: not healed: another writer applied"));
                        });
            }
            assertEquals("2", cms.withName("app-config").get().getData().get("A"), "the newer revision another writer applied stays");
            var history = new io.kustos.history.HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertEquals(2, history.records().size(), "no drift-corrected record: " + history.records());
        }
    }
}
