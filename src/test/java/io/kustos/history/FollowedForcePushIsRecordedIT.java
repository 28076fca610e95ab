package io.kustos.history;

import io.fabric8.kubernetes.api.model.Event;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * With {@code sources.config.allowForcePush: true}, the revision applied after a force push says so
 * in its history record (source, branch, old head → new head) and in its Applied Event; a
 * fast-forward says nothing of the kind.
 */
class FollowedForcePushIsRecordedIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theRecordAndTheEventOfTheRevisionNameTheForcePush(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml())
                    .replace("config:   { url:", "config:   { allowForcePush: true, url:"));
            String first = h.config().head();
            assertEquals(0, h.kustos("apply").exit());
            String second = h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            assertEquals(List.of(), store.load().records().get(0).forcePushes(), "a fast-forward is no force push");

            String rewritten = h.config().forcePush(first, "rewritten: A=1 again");
            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());

            HistoryRecord r = store.load().records().get(0);
            assertTrue(r.config().endsWith(rewritten), r.toString());
            assertEquals(List.of(new HistoryRecord.Rewrite("config", "main", second, rewritten)), r.forcePushes());
            String said = "followed a force push: config branch main force-pushed: " + second.substring(0, 7) + " → " + rewritten.substring(0, 7);
            await().until(() -> events(h).stream().anyMatch(e -> "Applied".equals(e.getReason()) && e.getMessage().contains(said)));

            var history = h.kustos("history");
            assertTrue(history.out().contains("config branch main force-pushed: " + second.substring(0, 7)), history.toString());
        }
    }

    private static List<Event> events(KustosHarness h) {
        return h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
    }
}
