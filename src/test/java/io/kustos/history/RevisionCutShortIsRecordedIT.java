package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.kustos.live.OwnedFields;
import io.kustos.render.Labels;
import io.kustos.source.RevisionPair;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A revision whose run was cut short (kill -9 in its rollout wait, or in its writes) after its
 * objects reached the cluster and before its record: the next run records it, whole, with its
 * Event. The crash state is made directly: the revision applied, then its record taken out and the
 * last good revision set back, as a killed process leaves them (and for the writes, one object
 * put back to the revision before).
 */
class RevisionCutShortIsRecordedIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRevisionWhoseRolloutWaitWasCutIsRecordedWithItsEvent(String clusterName, @TempDir Path tmp) {
        try (var cut = CutShort.start(clusterName, tmp)) {
            KustosHarness h = cut.h();
            HistoryStore store = cut.store();
            RevisionPair second = cut.second();

            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(0, run.writes(), "nothing to write: " + run);
            History now = store.load();
            assertEquals(second, now.state().lastGood());
            HistoryRecord r = now.records().get(0);
            assertTrue(r.isOf(second), now.toString());
            assertEquals(io.kustos.outcome.Outcome.APPLIED, r.outcome());
            // both ConfigMaps, and the Deployment restarted for them
            assertEquals(List.of("app-config", "other-config", "app"), r.objects().stream().map(HistoryRecord.ObjectRecord::name).toList(), r.toString());
            assertTrue(r.objects().get(0).keys().get("A").startsWith("sha256:"), r.toString());
            assertEquals(List.of("updated", "updated", "restarted"), r.objects().stream().map(HistoryRecord.ObjectRecord::action).toList(),
                    "as an uninterrupted run records them");
            await().until(() -> events(h).stream().anyMatch(e -> "Applied".equals(e.getReason())
                    && e.getMessage().contains("cut short") && e.getMessage().contains("ConfigMap/app-config")));

            assertEquals(0, h.kustos("apply").exit());
            assertEquals(now.records().size(), store.load().records().size(), "recorded once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRecoveryRecordsTheWholeRevisionNotJustTheRemainder(String clusterName, @TempDir Path tmp) {
        try (var cut = CutShort.start(clusterName, tmp)) {
            KustosHarness h = cut.h();
            HistoryStore store = cut.store();
            RevisionPair second = cut.second();
            // the killed run had written app-config but not other-config yet
            putBack(h, "other-config", "B", "1", cut.first());

            var run = h.kustos("apply");
            assertEquals(0, run.exit(), run.toString());
            assertEquals(1, run.writes(), "only the remainder is written: " + run);
            HistoryRecord r = store.load().records().get(0);
            assertTrue(r.isOf(second), r.toString());
            var actions = new HashMap<String, String>();
            r.objects().forEach(o -> actions.put(o.name(), o.action()));
            assertEquals(Map.of("other-config", "updated", "app-config", "updated", "app", "restarted"), actions, r.toString());
            assertEquals(r.objects().stream().filter(o -> o.name().equals("app-config")).findFirst().orElseThrow().keys().keySet(),
                    java.util.Set.of("A"), "the key that changed since the revision before");
        }
    }

    /**
     * staging applied at A=1, B=1 ({@code first}), then at A=2, B=2 ({@code second}), and its history
     * left as a process killed before recording {@code second} would: no record of it, {@code first} last good.
     */
    private record CutShort(KustosHarness h, HistoryStore store, RevisionPair first, RevisionPair second) implements AutoCloseable {
        static CutShort start(String clusterName, Path tmp) {
            var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                    "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                    "environments/staging/app/other.yaml", configMap("other-config", "B", "1")));
            try {
                assertEquals(0, h.kustos("apply").exit());
                var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
                RevisionPair first = store.load().state().lastGood();
                h.config().commit("A=2, B=2", Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "2"),
                        "environments/staging/app/other.yaml", configMap("other-config", "B", "2")));
                assertEquals(0, h.kustos("apply").exit());
                History applied = store.load();
                RevisionPair second = applied.state().lastGood();
                assertNotEquals(first, second);
                String key = String.format("r%08d", applied.records().get(0).number());
                h.cluster().client().configMaps().inNamespace(h.namespace()).withName(HistoryStore.NAME).edit(cm -> {
                    cm.getData().remove(key);
                    return cm;
                });
                History cut = store.load();
                store.save(cut, new TargetState(first, null, null), null);
                assertTrue(store.load().records().stream().noneMatch(r -> r.isOf(second)));
                return new CutShort(h, store, first, second);
            } catch (RuntimeException | AssertionError e) {
                h.close();
                throw e;
            }
        }

        @Override
        public void close() {
            h.close();
        }
    }

    /** The object as Kustos wrote it for {@code revision}: its field manager, value and revision annotation. */
    private static void putBack(KustosHarness h, String name, String key, String value, RevisionPair revision) {
        var client = h.cluster().client().configMaps().inNamespace(h.namespace());
        ConfigMap live = client.withName(name).get();
        var annotations = new HashMap<>(live.getMetadata().getAnnotations());
        annotations.put(Labels.REVISION, revision.annotation());
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(h.namespace())
                        .withLabels(live.getMetadata().getLabels()).withAnnotations(annotations).endMetadata()
                        .withData(Map.of(key, value)).build())
                .fieldManager(OwnedFields.KUSTOS).forceConflicts().serverSideApply();
    }

    private static List<Event> events(KustosHarness h) {
        return h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems();
    }
}
