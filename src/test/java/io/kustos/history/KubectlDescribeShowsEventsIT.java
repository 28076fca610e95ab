package io.kustos.history;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kubectl describe configmap kustos-history} lists the Events of each revision, as the
 * README says: kubectl selects them by the ConfigMap's uid, which every Event names.
 */
class KubectlDescribeShowsEventsIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theHistoryConfigMapsEventsShowUnderEvents(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "LOG_LEVEL", "info")))) {
            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());
            h.config().commit("debug logs", Map.of("environments/staging/app/config.yaml", configMap("app-config", "LOG_LEVEL", "debug")));
            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());

            String uid = h.cluster().client().configMaps().inNamespace(h.namespace()).withName(HistoryStore.NAME).get().getMetadata().getUid();
            var events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
            assertEquals(2, events.size(), events.toString());
            events.forEach(e -> assertEquals(uid, e.getInvolvedObject().getUid(), e.toString()));

            String described = kubectl(h, "describe", "configmap", HistoryStore.NAME, "-n", h.namespace());
            String shown = described.substring(described.indexOf("\nEvents:"));
            assertFalse(shown.contains("<none>"), described);
            assertTrue(shown.contains("ConfigMap/app-config (keys: LOG_LEVEL changed)"), described);
            assertTrue(shown.contains("ConfigMap/app-config created"), described);
            assertEquals(2, shown.lines().filter(l -> l.contains("Applied")).count(), described);
        }
    }

    private static String kubectl(KustosHarness h, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", h.cluster().kubeconfig().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
