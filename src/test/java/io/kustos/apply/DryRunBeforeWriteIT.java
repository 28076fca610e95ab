package io.kustos.apply;

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
 * An object only the API server can judge (a ConfigMap over its 1 MiB limit) is refused in the
 * server-side dry run; the error names it, and nothing of the revision is written, not even the
 * valid change in the same commit.
 */
class DryRunBeforeWriteIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anObjectTheServerRefusesStopsTheWholeRevision(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            String big = "x".repeat(1_100_000);
            h.config().commit("big", Map.of(FILE, configMap("app-config", "A", "2"),
                    "environments/staging/app/big.yaml", configMap("big-config", "BLOB", big)));
            h.cluster().resetCounts();
            var run = h.kustos("apply");
            assertEquals(4, run.exit(), run.toString());
            assertTrue(run.all().contains("configmap/" + h.namespace() + "/big-config: server-side dry run was rejected by the API server as invalid"),
                    run.toString());
            assertEquals(0, run.writes(), run.toString());
            assertTrue(run.dryRuns() >= 1, run.toString());
            h.cluster().serverWritesBesidesHistory().ifPresent(w -> assertEquals(0, w, "only dry runs (and the refusal's record) may reach the server"));
            assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("big-config").get());
        }
    }
}
