package io.kustos.reconcile;

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
 * A container name in the release manifest that the workload does not have: exit 3 naming the
 * manifest, the key path, the containers the workload has and what to do; nothing is written but
 * the refusal's record in the environment's history.
 */
class ContainerTypoNamesTheManifestIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aContainerTypoNamesTheReleaseManifestAndTheKeyPath(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            h.releases().commit("typo", Map.of("environments/staging/release.yaml",
                    KustosHarness.release("registry.example.com/app:2.0.0").replace("      app: ", "      ap: ")));
            h.cluster().resetCounts();
            var run = h.kustos("apply");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.all().contains("releases:environments/staging/release.yaml: workloads[0].containers.ap: Deployment "
                    + h.namespace() + "/app has no container ap (it has: app). Use one of its container names, or add the container"
                    + " to its pod template first."), run.toString());
            assertEquals(0, run.writes(), run.toString());
            h.cluster().serverWritesBesidesHistory().ifPresent(w -> assertEquals(0, w, "writes counted by the API server, besides the refusal's record"));
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
            var history = h.kustos("history", "-o", "json");
            assertTrue(history.out().contains("\"failed\"") && history.out().contains("workloads[0].containers.ap"),
                    "the refused revision is recorded in the environment's history:\n" + history);
        }
    }
}
