package io.kustos.cluster;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
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
 * A typo in a context or a kubeconfig path must not reach the kubeconfig's current-context (another
 * cluster): apply and diff exit 3 naming the context and the file, and nothing is written.
 */
class UnknownContextChangesNothingIT {
    private static final Map<String, String> FILES = Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnknownContextOptionIsRefused(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), FILES)) {
            for (String command : new String[]{"apply", "diff"}) {
                h.cluster().resetCounts();
                var run = h.kustos(command, "--context", "prdo");
                assertRefused(h, run, "context \"prdo\" (--context) does not exist in kubeconfig " + h.cluster().kubeconfig() + "; contexts there: ");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnknownContextOfATargetIsRefused(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), FILES)) {
            Path kubeconfig = h.cluster().kubeconfig();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()).replace("namespace: " + h.namespace() + " }",
                    "namespace: " + h.namespace() + ", kubeconfig: \"" + kubeconfig + "\", context: prdo }"));
            h.cluster().resetCounts();
            var run = KustosRun.of("apply", "--config", h.kustosYaml().toString());
            assertRefused(h, run, "context \"prdo\" (kustos.yaml: target staging: context) does not exist in kubeconfig " + kubeconfig);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aKubeconfigThatDoesNotExistIsRefused(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), FILES)) {
            Path missing = tmp.resolve("typo.kubeconfig");
            h.cluster().resetCounts();
            var run = h.kustosWith(missing, "apply");
            assertRefused(h, run, "kubeconfig " + missing + " (--kubeconfig) does not exist");
        }
    }

    private static void assertRefused(KustosHarness h, KustosRun run, String expected) {
        assertEquals(3, run.exit(), run.toString());
        assertTrue(run.all().contains(expected), run.toString());
        h.cluster().serverWrites().ifPresent(w -> assertEquals(0, w, "writes counted by the API server"));
        assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
        assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("kustos-history").get());
    }
}
