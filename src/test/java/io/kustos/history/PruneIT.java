package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Deleting a service's folder in git prunes its objects and nothing else: never an object without
 * Kustos's labels or of another environment; and an environment that renders nothing is not
 * pruned bare unless allowed.
 */
class PruneIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aDeletedFolderIsPrunedAndNothingElse(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/billing/config.yaml", configMap("billing-config", "B", "1"),
                "environments/staging/billing/secrets.yaml", secret("billing-secrets", "S", "s-" + System.nanoTime())))) {
            assertEquals(0, h.kustos("apply").exit());
            var cms = h.cluster().client().configMaps().inNamespace(h.namespace());
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("unlabelled").endMetadata().addToData("U", "1").build()).create();
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("other-env").addToLabels("app.kubernetes.io/managed-by", "kustos")
                    .addToLabels("kustos.io/environment", "production").endMetadata().addToData("O", "1").build()).create();

            h.config().delete("drop billing", "environments/staging/billing/config.yaml", "environments/staging/billing/secrets.yaml");
            var diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            assertTrue(diff.out().contains("--- live/v1.ConfigMap." + h.namespace() + ".billing-config"), diff.toString());
            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.out().contains("- configmap/" + h.namespace() + "/billing-config: pruned (no longer in git)"), run.toString());
            assertTrue(run.out().contains("- secret/" + h.namespace() + "/billing-secrets: pruned (no longer in git)"), run.toString());
            assertNull(cms.withName("billing-config").get());
            assertNull(h.cluster().client().secrets().inNamespace(h.namespace()).withName("billing-secrets").get());
            assertNotNull(cms.withName("app-config").get());
            assertNotNull(cms.withName("unlabelled").get());
            assertNotNull(cms.withName("other-env").get());
            assertNotNull(cms.withName(HistoryStore.NAME).get());

            h.config().commit("only a readme left", Map.of("environments/staging/README.md", "nothing here\n"));
            h.config().delete("drop app", "environments/staging/app/config.yaml");
            var guarded = h.kustos("apply");
            assertEquals(3, guarded.exit(), guarded.toString());
            assertTrue(guarded.all().contains("git renders no ConfigMap or Secret for this environment, so every object it has would be pruned (1 object); refusing"),
                    guarded.toString());
            assertNotNull(cms.withName("app-config").get());
        }
    }
}
