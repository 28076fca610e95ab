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
 * The API server refuses a ConfigMap over 1 MiB (422 Invalid, in the dry run already): the error
 * names the repo file the object came from, not just the object, and nothing is written.
 */
class RefusalNamesTheFileIT {
    private static final String GOOD = "environments/staging/app/config.yaml";
    private static final String BIG = "environments/staging/app/big.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aConfigMapOverOneMebibyteIsRefusedNamingItsFile(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(GOOD, configMap("app-config", "A", "1")))) {
            h.config().commit("a big ConfigMap", Map.of(GOOD, configMap("app-config", "A", "2"), BIG, configMap("big", "BLOB", "x".repeat(1100 * 1024))));
            h.cluster().resetCounts();
            var run = h.kustos("apply");
            assertEquals(4, run.exit(), run.out().length() > 4000 ? run.out().substring(0, 4000) : run.toString());
            assertTrue(run.all().contains("config:" + BIG + ": configmap/" + h.namespace() + "/big: server-side dry run was rejected by the API server as invalid"),
                    run.all().length() > 4000 ? run.all().substring(0, 4000) : run.all());
            assertEquals(0, run.writes(), "no write after a refused dry run");
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("big").get());
        }
    }
}
