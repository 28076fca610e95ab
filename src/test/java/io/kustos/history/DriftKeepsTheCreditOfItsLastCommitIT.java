package io.kustos.history;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.GitAuth;
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
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A hand edit restored by `kustos apply` keeps the kustos.io/revision and kustos.io/author the
 * object had: they name the commit that last changed it, not the head (here a later commit by
 * someone else that never touched it). The drift diff shows no annotation change.
 */
class DriftKeepsTheCreditOfItsLastCommitIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRestoredObjectKeepsItsRevisionAndAuthor(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            var work = h.config().workspace();
            work.writeFile("environments/staging/app/other.yaml", configMap("other-config", "B", "2"));
            String other = work.commitAll("add other-config", "Alice Dev", "alice@example.com");
            work.push(h.config().fileUrl(), GitAuth.NONE);
            var second = h.kustos("apply");
            assertEquals(0, second.exit(), second.toString());
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            assertTrue(cms.withName("other-config").get().getMetadata().getAnnotations().get("kustos.io/revision").contains(other));
            var before = cms.withName("app-config").get().getMetadata().getAnnotations();
            assertFalse(before.get("kustos.io/revision").contains(other), "the later commit did not touch app-config: " + before);

            cms.withName("app-config").patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-patch").build(),
                    "{\"data\":{\"A\":\"by-hand\"}}");
            var diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            assertTrue(diff.out().contains("# drifted from revision"), diff.toString());
            assertFalse(diff.out().contains("kustos.io/revision"), "no annotation change: " + diff);
            assertFalse(diff.out().contains("kustos.io/author"), "no annotation change: " + diff);

            var heal = h.kustos("apply");
            assertEquals(0, heal.exit(), heal.toString());
            assertTrue(heal.out().contains("staging: drift from git restored"), heal.toString());
            var after = cms.withName("app-config").get();
            assertEquals("1", after.getData().get("A"));
            assertEquals(before, after.getMetadata().getAnnotations());
        }
    }

    /** The daemon's poll restores the same way: the annotations before the hand edit are those after the heal. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theDaemonKeepsThemToo(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            assertTrue(loop.runOnce().isPresent());
            h.config().commit("a commit that changes nothing");
            loop.runOnce();
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            var before = cms.withName("app-config").get().getMetadata().getAnnotations();
            assertFalse(before.get("kustos.io/revision").contains(h.config().head()), before.toString());

            cms.withName("app-config").patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-patch").build(),
                    "{\"data\":{\"A\":\"by-hand\"}}");
            var report = loop.runOnce().orElseThrow(() -> new AssertionError("the drift was not reported"));
            assertTrue(((TargetOutcome.Drifted) report.targets().get(0)).restored(), report.toString());
            var after = cms.withName("app-config").get();
            assertEquals("1", after.getData().get("A"));
            assertEquals(before, after.getMetadata().getAnnotations());
        }
    }
}
