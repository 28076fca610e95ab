package io.kustos.history;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.render.Renderer;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/** Kill Kustos and start it again: the history and the last good revision are still there, and the failed revision is not retried. */
class RestartKeepsHistoryIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aNewKustosKnowsWhatTheOldOneDid(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            h.addDeployment("web", "registry.example.com/web:1.0.0", 1, 3);
            h.releases().commit("web", Map.of("environments/staging/release.yaml", KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.0"), "")));
            var config = ConfigLoader.load(h.kustosYaml());
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
                var first = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, r -> { });
                assertFalse(first.runOnce().orElseThrow().failed());
                h.releases().commit("web 2.0.0", Map.of("environments/staging/release.yaml", KustosHarness.release(Map.of(
                        "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:2.0.0-crashloop"), "")));
                var failed = first.runOnce().orElseThrow();
                assertInstanceOf(TargetOutcome.RolledBack.class, failed.targets().get(0), failed.toString());
            }
            History before = store.load();

            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
                var second = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, r -> { });
                var report = second.runOnce().orElseThrow();
                var outcome = report.targets().get(0);
                assertInstanceOf(TargetOutcome.Held.class, outcome, report.toString());
                assertEquals(0, clients.counter().writes(), clients.counter().toString());
            }
            History after = store.load();
            assertEquals(before, after, "the history and the state are unchanged by the restart");
            assertEquals(2, after.records().size());
            assertEquals(after.records().get(1).releases(), after.state().lastGood().releases().toString(), after.toString());
            assertEquals("registry.example.com/web:1.0.0", h.cluster().client().apps().deployments().inNamespace(h.namespace())
                    .withName("web").get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRevisionWrittenButNeverSeenThroughIsConfirmedByTheNextReconcile(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            var first = store.load().state().lastGood();
            h.config().commit("A=2", Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            History applied = store.load();
            var second = applied.state().lastGood();
            assertNotEquals(first, second);

            // as if Kustos had stopped after writing A=2 but before its rollout was seen through
            store.save(applied, new TargetState(first, null, null), null);
            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(0, run.writes(), "nothing to write: " + run);
            assertEquals(second, store.load().state().lastGood(), "the revision in the cluster is now the last good one");
            assertEquals(applied.records().size(), store.load().records().size());
        }
    }
}
