package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.8: the daemon's loop keeps watch caches (one informer per kind and namespace) and,
 * between commits, checks drift from them alone. Through the {@link FaultProxy} (plain http on the
 * embedded cluster, TLS on the real one) every watch is cut mid-stream and the next watch requests
 * are refused (503): the caches re-establish their watches, so a hand edit made after the drop is
 * still seen and healed, and a new commit still converges.
 */
class DroppedWatchesAreReestablishedIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    /** The kinds the caches watch in the namespace: ConfigMaps, Secrets, Deployments. */
    private static final int WATCHED_KINDS = 3;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void droppedAndRefusedWatchesComeBackAndTheLoopStillHealsAndConverges(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var clients = new ClusterClients(proxy.kubeconfig(), null)) {
            String inNamespace = "/apis?/.*/namespaces/" + h.namespace() + "/.*";
            FaultRule refused = proxy.on("GET", inNamespace).watches(); // no fault yet: tried before the drop rule once given one
            FaultRule watches = proxy.on("GET", inNamespace).dropWatch();
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            var first = loop.runOnce();
            assertTrue(first.isPresent() && !first.get().failed(), String.valueOf(first));
            loop.runOnce(); // starts the caches
            await().atMost(Duration.ofSeconds(60)).until(() -> watches.openWatches() >= WATCHED_KINDS);
            int opened = watches.faulted();

            refused.first(2 * WATCHED_KINDS).status(503);
            assertTrue(watches.drop() >= WATCHED_KINDS, "every watch was cut mid-stream");
            await().atMost(Duration.ofSeconds(120)).until(() -> refused.faulted() == 2 * WATCHED_KINDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> watches.openWatches() >= WATCHED_KINDS && watches.faulted() >= opened + WATCHED_KINDS);

            editByHand(h, "by-hand");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                loop.runOnce();
                return "1".equals(value(h));
            });

            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                loop.runOnce();
                return "2".equals(value(h));
            });
            assertTrue(watches.openWatches() >= WATCHED_KINDS, "the caches still watch: " + watches);
        }
    }

    private static void editByHand(KustosHarness h, String value) {
        h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("A", value).build());
        assertEquals(value, value(h));
    }

    private static String value(KustosHarness h) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A");
    }
}
