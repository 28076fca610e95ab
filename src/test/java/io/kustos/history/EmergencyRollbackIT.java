package io.kustos.history;

import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * With git unreachable, `kustos rollback --emergency --to N` re-applies revision N from the local
 * clones and pauses the environment; the unchanged head is then not applied; a new commit ends
 * the pause; `kustos resume` ends it too. All of it is in the history.
 */
class EmergencyRollbackIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anEmergencyRollbackWorksWithoutGitAndPausesUntilANewCommit(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());

            Path password = tmp.resolve("git-password");
            String good = Files.readString(password);
            Files.writeString(password, "not-the-password\n");
            assertEquals(5, h.kustos("apply").exit(), "git cannot be reached now");
            var emergency = h.kustos("rollback", "--emergency", "--to", "1");
            assertEquals(0, emergency.exit(), emergency.toString());
            assertEquals("1", cms.withName("app-config").get().getData().get("A"));

            Files.writeString(password, good);
            var paused = h.kustos("apply");
            assertEquals(0, paused.exit(), paused.toString());
            assertTrue(paused.out().contains("staging: paused by an emergency rollback"), paused.toString());
            assertEquals(0, paused.writes(), paused.toString());
            assertEquals("1", cms.withName("app-config").get().getData().get("A"));

            var resume = h.kustos("resume");
            assertEquals(0, resume.exit(), resume.toString());
            assertEquals(0, h.kustos("apply").exit());
            assertEquals("2", cms.withName("app-config").get().getData().get("A"));

            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            var outcomes = store.load().records().stream().map(r -> r.outcome().word()).toList();
            assertEquals(java.util.List.of("applied", "resumed", "emergency-rollback", "applied", "applied"), outcomes);

            assertEquals(0, h.kustos("rollback", "--emergency", "--to", "1").exit());
            h.config().commit("A=3", Map.of(FILE, configMap("app-config", "A", "3")));
            assertEquals(0, h.kustos("apply").exit(), "a new commit ends the pause");
            assertEquals("3", cms.withName("app-config").get().getData().get("A"));
        }
    }

    /**
     * A revision whose rollout failed, then an emergency rollback, then `kustos resume`: the pause
     * ends, but the failed revision stays held; `kustos apply` writes nothing of it, and only
     * `kustos apply --retry` tries it again.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void resumeEndsThePauseOnlyAndTheFailedRevisionStaysHeld(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            h.addDeployment("web", "registry.example.com/web:1.0.0", 1, 3);
            h.releases().commit("web", Map.of(RELEASE, KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:1.0.0"), "")));
            assertEquals(0, h.kustos("apply").exit());
            String goodTemplate = h.template("web");
            h.releases().commit("web 2.0.0", Map.of(RELEASE, KustosHarness.release(Map.of(
                    "app", "registry.example.com/app:1.0.0", "web", "registry.example.com/web:2.0.0-crashloop"), "")));
            var failed = h.kustos("apply");
            assertEquals(6, failed.exit(), failed.toString());
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            var bad = store.load().state().lastFailed();
            assertNotNull(bad);

            var emergency = h.kustos("rollback", "--emergency", "--to", "1");
            assertEquals(0, emergency.exit(), emergency.toString());
            var resume = h.kustos("resume");
            assertEquals(0, resume.exit(), resume.toString());
            assertEquals(bad, store.load().state().lastFailed(), "the failed revision is still held after the pause ends");

            var held = h.kustos("apply");
            assertEquals(6, held.exit(), held.toString());
            assertTrue(held.err().contains("failed before and is not tried again until a new commit"), held.toString());
            assertEquals(0, held.writes(), "nothing of the failed revision is written: " + held);
            assertEquals(goodTemplate, h.template("web"));
            assertEquals(java.util.List.of("resumed", "emergency-rollback", "rolled-back", "applied"),
                    store.load().records().stream().map(r -> r.outcome().word()).toList());

            var retried = h.kustos("apply", "--retry");
            assertEquals(6, retried.exit(), retried.toString());
            assertTrue(retried.writes() > 0, "--retry tries the failed revision again: " + retried);
            assertTrue(retried.all().contains("rollout failed: ProgressDeadlineExceeded"), retried.toString());
            var records = store.load().records();
            assertEquals("rolled-back", records.get(0).outcome().word());
            assertEquals(bad, records.get(0).revisions());
            assertEquals(goodTemplate, h.template("web"), "and rolls it back again");
        }
    }
}
