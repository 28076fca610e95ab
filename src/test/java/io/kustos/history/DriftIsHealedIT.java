package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.render.Renderer;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A hand edit of a managed ConfigMap (kubectl patch, another field manager) is restored at the
 * next poll and reported with one Event on kustos-history; a key set by another field manager is
 * left alone.
 */
class DriftIsHealedIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHandEditIsRestoredWithinOnePoll(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            assertTrue(loop.runOnce().isPresent());
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("app-config").withNamespace(h.namespace()).endMetadata()
                    .addToData("EXTRA", "theirs").build()).fieldManager("platform-team").serverSideApply();
            kubectl(h, "patch", "configmap", "app-config", "-n", h.namespace(), "--type", "merge", "-p", "{\"data\":{\"A\":\"by-hand\"}}");
            assertEquals("by-hand", cms.withName("app-config").get().getData().get("A"));

            io.kustos.reconcile.ReconcileReport report;
            try (var logs = io.kustos.testsupport.LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
                report = loop.runOnce().orElseThrow(() -> new AssertionError("the drift was not reported"));
                assertEquals(1, logs.events().stream().filter(e -> e.getFormattedMessage().contains("drift from git")).count(), "one line: " + logs.events());
            }
            var outcome = report.targets().get(0);
            assertInstanceOf(TargetOutcome.Drifted.class, outcome, report.toString());
            assertTrue(((TargetOutcome.Drifted) outcome).restored());
            var cm = cms.withName("app-config").get();
            assertEquals("1", cm.getData().get("A"));
            assertEquals("theirs", cm.getData().get("EXTRA"), "another manager's key is not drift");
            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
            var corrected = events.stream().filter(e -> e.getReason().equals("DriftCorrected")).toList();
            assertEquals(1, corrected.size(), events.toString());
            assertEquals("kustos-history", corrected.get(0).getInvolvedObject().getName());
            assertTrue(corrected.get(0).getMessage().endsWith(": ConfigMap/app-config (keys: A changed)"), corrected.get(0).getMessage());
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertEquals("drift-corrected", history.records().get(0).outcome().word());
            assertTrue(loop.runOnce().isEmpty(), "nothing drifted any more");
        }
    }

    /** Once the loop's watch caches run and match git, polls cost nothing; a hand edit still reaches them and is healed. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aHandEditIsSeenByTheWatchCachesOfAQuietLoop(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            assertTrue(loop.runOnce().isPresent());
            assertTrue(loop.runOnce().isEmpty(), "in sync; this poll starts the caches");
            clients.counter().reset();
            assertTrue(loop.runOnce().isEmpty(), "in sync");
            assertEquals(0, clients.counter().reads() + clients.counter().locks(), "a quiet poll reads nothing, not even the write lock: "
                    + clients.counter());

            kubectl(h, "patch", "configmap", "app-config", "-n", h.namespace(), "--type", "merge", "-p", "{\"data\":{\"A\":\"by-hand\"}}");
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            // the watch event may take a moment to arrive: poll until a run sees the hand edit
            var report = await("the hand edit to be seen").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .pollInSameThread().until(loop::runOnce, java.util.Optional::isPresent);
            var outcome = report.orElseThrow().targets().get(0);
            assertInstanceOf(TargetOutcome.Drifted.class, outcome);
            assertTrue(((TargetOutcome.Drifted) outcome).restored());
            assertEquals("1", cms.withName("app-config").get().getData().get("A"));
        }
    }

    /**
     * `kustos apply` at the revision already applied, after a `kubectl patch` of a key Kustos owns:
     * with selfHeal (the default) it heals the drift as the daemon does, instead of failing on the
     * conflict with kubectl-patch; `kustos diff` shows it labelled as drift.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void kustosApplyHealsAHandEditAsTheDaemonDoes(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1", "B", "2")))) {
            assertEquals(0, h.kustos("apply").exit());
            kubectl(h, "patch", "configmap", "app-config", "-n", h.namespace(), "--type", "merge", "-p", "{\"data\":{\"A\":\"by-hand\"}}");
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            assertEquals("by-hand", cms.withName("app-config").get().getData().get("A"));

            var diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            String revision = "config=main@sha1:" + h.config().head() + ";releases=main@sha1:" + h.releases().head();
            assertTrue(diff.out().contains("# drifted from revision " + revision + " by kubectl-patch (changed in the cluster, not by a commit)\n"
                    + "diff -u -N live/v1.ConfigMap." + h.namespace() + ".app-config "), diff.toString());
            assertTrue(diff.out().contains("\n-  A: by-hand\n+  A: '1'\n"), diff.toString());

            var apply = h.kustos("apply");
            assertEquals(0, apply.exit(), apply.toString());
            assertTrue(apply.out().contains("staging: drift from git restored"), apply.toString());
            assertEquals("1", cms.withName("app-config").get().getData().get("A"));
            assertEquals("2", cms.withName("app-config").get().getData().get("B"));
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertEquals(java.util.List.of("drift-corrected", "applied"), history.records().stream().map(r -> r.outcome().word()).toList());
            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
            assertEquals(1, events.stream().filter(e -> e.getReason().equals("DriftCorrected")).count(), events.toString());

            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(0, again.writes(), "healed: nothing left to write: " + again);
            assertEquals(0, h.kustos("diff").exit());
        }
    }

    /** With sync.selfHeal off, `kustos apply` reports the drift, says how to heal it, writes nothing, and exits 1. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void withoutSelfHealApplyReportsTheDriftAndLeavesIt(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            java.nio.file.Files.writeString(h.kustosYaml(), "sync: { selfHeal: false }\n", java.nio.file.StandardOpenOption.APPEND);
            assertEquals(0, h.kustos("apply").exit());
            kubectl(h, "patch", "configmap", "app-config", "-n", h.namespace(), "--type", "merge", "-p", "{\"data\":{\"A\":\"by-hand\"}}");

            var apply = h.kustos("apply");
            assertEquals(1, apply.exit(), apply.toString());
            assertTrue(apply.out().contains("staging: drift from git left as it is, because sync.selfHeal is off: set it to true"), apply.toString());
            assertTrue(apply.out().contains("~ configmap/" + h.namespace() + "/app-config: A changed"), apply.toString());
            assertEquals(0, apply.writes(), apply.toString());
            assertEquals(0, apply.dryRuns(), "not even tried: " + apply);
            assertEquals("by-hand", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
            var history = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load();
            assertEquals(java.util.List.of("applied"), history.records().stream().map(r -> r.outcome().word()).toList());
        }
    }

    private static void kubectl(KustosHarness h, String... args) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of("kubectl", "--kubeconfig", h.cluster().kubeconfig().toString()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
