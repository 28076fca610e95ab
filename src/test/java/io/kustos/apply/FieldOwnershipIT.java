package io.kustos.apply;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
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
 * Server-side apply ownership: a key another field manager owns is left alone and is not drift;
 * a new commit that changes a key another manager took from Kustos is a conflict that is
 * reported, not forced, unless sync.force is set. (The same key taken at the revision already
 * applied, with no new commit, is drift: see DriftIsHealedIT.)
 */
class FieldOwnershipIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void foreignKeysStayAndATakenKeyIsAConflictUntilForced(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());

            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("app-config").withNamespace(h.namespace()).endMetadata()
                    .addToData("EXTRA", "theirs").build()).fieldManager("platform-team").serverSideApply();
            var diff = h.kustos("diff");
            assertEquals(0, diff.exit(), "a key another manager owns is not drift:\n" + diff);
            var reapply = h.kustos("apply");
            assertEquals(0, reapply.writes(), reapply.toString());
            assertEquals("theirs", cms.withName("app-config").get().getData().get("EXTRA"));

            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("app-config").withNamespace(h.namespace()).endMetadata()
                    .addToData("A", "hijacked").addToData("EXTRA", "theirs").build()).fieldManager("platform-team").forceConflicts().serverSideApply();
            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            assertEquals(1, h.kustos("diff").exit());
            var conflict = h.kustos("apply");
            assertEquals(4, conflict.exit(), conflict.toString());
            assertTrue(conflict.all().contains("configmap/" + h.namespace() + "/app-config: server-side dry run conflicts with another field manager"),
                    conflict.toString());
            assertTrue(conflict.all().contains("platform-team") && conflict.all().contains(".data.A"), conflict.toString());
            assertEquals(0, conflict.writes(), conflict.toString());
            assertEquals("hijacked", cms.withName("app-config").get().getData().get("A"));

            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + "sync: { force: true }\n");
            var forced = h.kustos("apply");
            assertEquals(0, forced.exit(), forced.toString());
            var cm = cms.withName("app-config").get();
            assertEquals("2", cm.getData().get("A"));
            assertEquals("theirs", cm.getData().get("EXTRA"));
        }
    }
}
