package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kustos.outcome.Outcome;
import io.kustos.testsupport.TestNamespace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code history.limit: 50} holds 50 records of a 321-object revision (the kustos-history
 * ConfigMap's ~900 KB held about 26 and dropped the rest silently), and a record larger than a
 * ConfigMap can hold is kept too: the records that do not fit live in part ConfigMaps, read by the
 * same list and deleted with the records they hold.
 */
class HistoryHoldsItsLimitWhateverTheSizeIT {
    private static final int LIMIT = 50;

    static HistoryRecord record(long n, int objects) {
        var list = new ArrayList<HistoryRecord.ObjectRecord>();
        for (int i = 0; i < objects; i++) {
            list.add(new HistoryRecord.ObjectRecord(i % 3 == 0 ? "Secret" : "ConfigMap", "prod", String.format("object-%05d", i), "updated",
                    Map.of("KEY_ONE", "hmac:" + Long.toHexString(n * 100_000 + i), "KEY_TWO", "hmac:0123abcd", "KEY_THREE_WITH_A_LONG_NAME", "removed",
                            "KEY_FOUR_ALSO_QUITE_LONG", "hmac:89abcdef")));
        }
        return TestRecords.record(n, "prod", String.format("%040x", n), "2026-11-21T00:00:00Z", Outcome.APPLIED, list);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void fiftyRecordsOfA321ObjectRevisionAreAllKeptAndTheOldestGo(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp)) {
            var store = new HistoryStore(ns.client(), ns.name(), "prod", LIMIT);
            History history = store.load();
            for (long n = 1; n <= LIMIT + 3; n++) {
                history = store.save(history, history.state(), record(n, 321)).history();
            }
            History now = store.load();
            assertEquals(LongStream.rangeClosed(4, LIMIT + 3).boxed().sorted((a, b) -> Long.compare(b, a)).toList(),
                    now.records().stream().map(HistoryRecord::number).toList(), "the newest 50 records, none lost");
            assertEquals(321, now.records().get(LIMIT - 1).objects().size(), "the oldest kept is whole");
            assertTrue(record(4, 321).objects().equals(now.records().get(LIMIT - 1).objects()), "record 4 reads back as written");

            List<ConfigMap> parts = parts(ns);
            assertFalse(parts.isEmpty(), "records beyond the ConfigMap's size are kept in parts");
            assertTrue(parts.stream().noneMatch(p -> List.of("1", "2", "3").contains(p.getMetadata().getLabels().get(HistoryParts.PART_LABEL))),
                    "the parts of the records beyond the limit were deleted");
            assertEquals(parts.size(), now.parts().values().stream().mapToInt(List::size).sum(), "no part is left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aRecordLargerThanAConfigMapIsKeptInParts(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp)) {
            var store = new HistoryStore(ns.client(), ns.name(), "prod", LIMIT);
            History history = store.load();
            HistoryRecord huge = record(1, 8000);
            history = store.save(history, history.state(), huge).history();
            history = store.save(history, history.state(), record(2, 10)).history();

            History now = store.load();
            assertEquals(List.of(2L, 1L), now.records().stream().map(HistoryRecord::number).toList());
            assertTrue(huge.objects().equals(now.records().get(1).objects()), "the huge record reads back as written");
            assertTrue(now.parts().get(1L).size() > 1, "one record over several parts: " + now.parts());
        }
    }

    /**
     * Parts a writer killed between creating them and writing the kustos-history ConfigMap (kill -9) are named by nothing:
     * a later write deletes them once {@link HistoryStore#UNNAMED_PARTS_KEPT} old — not before, since a concurrent writer's
     * parts are unnamed too until its write — and never another environment's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void partsAKilledWriterLeftAreDeletedOnceOld(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp)) {
            var store = new HistoryStore(ns.client(), ns.name(), "prod", LIMIT);
            History history = store.load();
            history = store.save(history, history.state(), record(1, 8000)).history(); // named parts
            var leftBehind = HistoryParts.split(ns.name(), "prod", 2, "{\"killed\":\"before its write\"}");
            var staging = HistoryParts.split(ns.name(), "staging", 2, "{\"another\":\"environment\"}");
            leftBehind.forEach(p -> ns.client().configMaps().inNamespace(ns.name()).resource(p).create());
            staging.forEach(p -> ns.client().configMaps().inNamespace(ns.name()).resource(p).create());
            List<String> named = parts(ns).stream().map(p -> p.getMetadata().getName())
                    .filter(n -> !n.equals(leftBehind.get(0).getMetadata().getName()) && !n.equals(staging.get(0).getMetadata().getName())).toList();

            history = store.load();
            assertEquals(List.of(leftBehind.get(0).getMetadata().getName()), List.copyOf(history.unnamedParts().keySet()));
            history = store.save(history, history.state(), record(2, 10)).history();
            assertTrue(names(ns).contains(leftBehind.get(0).getMetadata().getName()), "a part just written may be a writer's in flight: kept");

            var later = new HistoryStore(ns.client(), ns.name(), "prod", LIMIT,
                    java.time.Clock.offset(java.time.Clock.systemUTC(), HistoryStore.UNNAMED_PARTS_KEPT.plusMinutes(1)));
            history = later.load();
            later.save(history, history.state(), record(3, 10));

            List<String> left = names(ns);
            assertFalse(left.contains(leftBehind.get(0).getMetadata().getName()), "the killed writer's part is deleted: " + left);
            assertTrue(left.contains(staging.get(0).getMetadata().getName()), "another environment's part is not touched: " + left);
            assertTrue(left.containsAll(named), "the named parts stay: " + left);
            History now = store.load();
            assertEquals(List.of(3L, 2L, 1L), now.records().stream().map(HistoryRecord::number).toList());
            assertEquals(8000, now.records().get(2).objects().size(), "the record in parts reads back whole");
            assertTrue(now.unnamedParts().isEmpty(), now.unnamedParts().toString());
        }
    }

    private static List<String> names(TestNamespace ns) {
        return parts(ns).stream().map(p -> p.getMetadata().getName()).toList();
    }

    private static List<ConfigMap> parts(TestNamespace ns) {
        return ns.client().configMaps().inNamespace(ns.name()).withLabel(HistoryParts.PART_LABEL).list().getItems();
    }
}
