package io.kustos.history;

import io.kustos.testsupport.RunsAlone;
import io.fabric8.kubernetes.api.model.Event;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos apply} killed with kill -9 while it waits for the rollout of a revision it wrote
 * whole (fault point {@code rollout.wait}): the next {@code kustos apply} finds nothing to write,
 * sees the rollout through and records the revision, with the objects it changed and an Applied
 * Event (before, it became the last good revision with neither).
 */
@RunsAlone
class KilledInTheRolloutWaitIsRecordedIT {
    private static final Duration RUN = Duration.ofMinutes(3);
    /** The killed run leaves its write lock held: the next apply takes it over this soon after its last renewal (not the default 30 s). */
    private static final String SHORT_LOCK = "sync: { writeLock: { leaseDuration: 4s, renewEvery: 1s } }\n";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theNextApplyRecordsTheRevisionWithItsEvent(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + SHORT_LOCK);
            assertEquals(0, h.kustos("apply").exit());
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            h.config().commit("A=2", Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "2")));

            try (var killed = KustosProcess.start(h, tmp.resolve("runs"), "killed", "rollout.wait", "apply")) {
                killed.awaitFaultPoint(RUN);
                killed.kill9();
            }
            assertEquals("2", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
            assertTrue(ofTheHead(h, store).isEmpty(), "not recorded by the killed run");

            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            List<HistoryRecord> records = ofTheHead(h, store);
            assertEquals(1, records.size(), store.load().records().toString());
            HistoryRecord r = records.get(0);
            assertEquals(io.kustos.outcome.Outcome.APPLIED, r.outcome());
            assertEquals(List.of("ConfigMap/app-config", "Deployment/app"), r.objects().stream().map(o -> o.kind() + "/" + o.name()).toList(),
                    r.toString());
            assertTrue(r.config().endsWith(store.load().state().lastGood().config().sha()), "and it is the last good revision");
            await().until(() -> events(h).stream().anyMatch(e -> "Applied".equals(e.getReason()) && e.getMessage().contains(r.config())
                    && e.getMessage().contains("cut short")));

            assertEquals(0, h.kustos("apply").exit());
            assertEquals(1, ofTheHead(h, store).size(), "recorded once");
        }
    }

    private static List<HistoryRecord> ofTheHead(KustosHarness h, HistoryStore store) {
        return store.load().records().stream().filter(r -> r.config().endsWith(h.config().head())).toList();
    }

    private static List<Event> events(KustosHarness h) {
        return h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
    }
}
