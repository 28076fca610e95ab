package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/** A commit to the config repo reaches the cluster with `kustos apply`; an unchanged repo costs no writes. */
class ConfigChangeFromGitIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aCommitIsAppliedAndASecondApplyWritesNothing(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of(FILE, configMap("app-config", "LOG_LEVEL", "info", "POOL", "5")))) {
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());
            assertEquals("info", cm(h).getData().get("LOG_LEVEL"));

            String sha = h.config().commit("debug logging", Map.of(FILE, configMap("app-config", "LOG_LEVEL", "debug", "POOL", "5")));
            var second = h.kustos("apply");
            assertEquals(0, second.exit(), second.toString());
            assertTrue(second.out().contains("~ configmap/" + h.namespace() + "/app-config: LOG_LEVEL changed"), second.toString());
            assertTrue(second.out().contains("~ deployment/" + h.namespace() + "/app: config changed (rolling restart)"), second.toString());
            assertEquals(2, second.writes(), "the ConfigMap and the Deployment using it:\n" + second);
            ConfigMap cm = cm(h);
            assertEquals("debug", cm.getData().get("LOG_LEVEL"));
            assertTrue(cm.getMetadata().getAnnotations().get("kustos.io/revision").startsWith("config=main@sha1:" + sha + ";releases=main@sha1:"),
                    cm.getMetadata().getAnnotations().toString());
            assertEquals("kustos", cm.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            assertEquals("staging", cm.getMetadata().getLabels().get("kustos.io/environment"));

            h.cluster().resetCounts();
            var third = h.kustos("apply");
            assertEquals(0, third.exit(), third.toString());
            assertTrue(third.out().contains("staging: in sync, nothing to write"), third.toString());
            assertEquals(0, third.writes(), third.toString());
            assertEquals(0, third.dryRuns(), third.toString());
            assertEquals(0, third.records(), third.toString());
            h.cluster().serverWrites().ifPresent(w -> assertEquals(0, w, "writes counted by the API server"));
        }
    }

    private static ConfigMap cm(KustosHarness h) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
    }
}
