package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.bench.GitHttpServer;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `kustos run`'s loop: a new commit is applied at the next poll; an unchanged head is neither
 * fetched nor reconciled, and once the watch caches run, such a poll sends the API server nothing.
 */
class RunPicksUpNewCommitsIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aNewCommitIsAppliedAndAnUnchangedHeadCostsNoFetch(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            Optional<ReconcileReport> first = loop.runOnce();
            assertTrue(first.isPresent() && !first.get().failed(), String.valueOf(first));

            h.git().resetCounts();
            clients.counter().reset();
            assertTrue(loop.runOnce().isEmpty(), "an unchanged head and no drift: nothing to report");
            assertEquals(0, h.git().requests(GitHttpServer.Service.UPLOAD_PACK), "an unchanged head must not be fetched");
            assertEquals(0, clients.counter().writes() + clients.counter().dryRuns() + clients.counter().locks(),
                    "no write, and no write lock taken, when nothing moved: " + clients.counter());
            assertTrue(clients.counter().reads() <= 6, "only starting the watch caches (a list and a watch per kind): " + clients.counter());

            clients.counter().reset();
            assertTrue(loop.runOnce().isEmpty(), "still nothing to report");
            assertEquals(0, h.git().requests(GitHttpServer.Service.UPLOAD_PACK), "an unchanged head must not be fetched");
            assertEquals(0, clients.counter().reads() + clients.counter().writes() + clients.counter().dryRuns() + clients.counter().records()
                            + clients.counter().locks(),
                    "with the caches watching and nothing changed, a poll sends no request at all: " + clients.counter());

            h.config().commit("change", Map.of(FILE, configMap("app-config", "A", "2")));
            var second = loop.runOnce();
            assertTrue(second.isPresent() && !second.get().failed(), String.valueOf(second));
            assertEquals(1, h.git().requests(GitHttpServer.Service.UPLOAD_PACK));
            assertEquals("2", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
        }
    }
}
