package io.kustos.rollout;

import io.kustos.history.HistoryStore;
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

/**
 * A config change plus a version whose pods never become ready: the rollout misses its
 * deadline, and Kustos puts back the previous images and config, so the cluster equals the last
 * good revision again. The last good revision is kept in the cluster, so a new Kustos process
 * (every `kustos apply` is one) knows it.
 */
class FailedRolloutIsRolledBackIT {
    private static final String WEB_CONFIG = "environments/staging/web/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theWholeRevisionIsRolledBack(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                WEB_CONFIG, configMap("web-config", "MODE", "calm")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            h.addDeployment("web", "registry.example.com/web:1.0.0", 1, 3, "web-config");
            h.releases().commit("web", Map.of("environments/staging/release.yaml", KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.0"), "")));
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());
            String goodTemplate = h.template("web");

            h.config().commit("web: wild mode", Map.of(WEB_CONFIG, configMap("web-config", "MODE", "wild")));
            h.releases().commit("web 2.0.0", Map.of("environments/staging/release.yaml", KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:2.0.0-crashloop"), "")));
            var bad = h.kustos("apply");
            assertEquals(6, bad.exit(), bad.toString());
            assertTrue(bad.out().contains("staging: FAILED (rollout), rolled back to config=main@sha1:"), bad.toString());
            assertTrue(bad.all().contains("releases:environments/staging/release.yaml: workloads[1]: deployment/" + h.namespace()
                    + "/web: rollout failed: ProgressDeadlineExceeded"), "names where the release manifest declares web: " + bad);

            assertEquals(goodTemplate, h.template("web"), "the previous image and config hash are back");
            assertEquals("calm", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("web-config").get().getData().get("MODE"));
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertTrue(history.state().lastFailed().releases().sha().equals(h.releases().head()), history.toString());
            assertFalse(history.state().lastGood().releases().sha().equals(h.releases().head()), history.toString());
            assertEquals("rolled-back", history.records().get(0).outcome().word());
            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> e.getSource() != null && "kustos".equals(e.getSource().getComponent()) && e.getType().equals("Warning")).toList();
            assertEquals(1, events.size(), "one Event for the revision's outcome: " + events);
            assertEquals("RolledBack", events.get(0).getReason());
            assertEquals("kustos-history", events.get(0).getInvolvedObject().getName());
            assertTrue(events.get(0).getMessage().contains("rollout failed: ProgressDeadlineExceeded"), events.get(0).getMessage());
            assertTrue(events.get(0).getMessage().contains("; rolled back to config=main@sha1:"), events.get(0).getMessage());
            assertTrue(events.get(0).getMessage().contains("ConfigMap/web-config (keys: MODE changed)"), events.get(0).getMessage());

            var held = h.kustos("apply");
            assertEquals(6, held.exit(), held.toString());
            assertEquals(0, held.writes(), held.toString());
            assertEquals(goodTemplate, h.template("web"));
        }
    }
}
