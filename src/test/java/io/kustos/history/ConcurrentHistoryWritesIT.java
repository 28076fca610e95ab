package io.kustos.history;

import io.kustos.outcome.Outcome;
import io.kustos.testsupport.TestNamespace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two writers of one environment's history from the same read, without any lock around the
 * writes: every save is a compare-and-swap, so the second finds the first and merges into it. A
 * different revision or outcome (the daemon, and an operator's emergency rollback) is kept, and
 * neither the pause nor a record is lost; the same revision applied by both is kept once (the
 * second write loses the swap, reads again and finds it), also when neither found a
 * kustos-history ConfigMap yet.
 */
class ConcurrentHistoryWritesIT {

    private static HistoryRecord record(long n, Outcome outcome) {
        return TestRecords.record(n, "staging", "a".repeat(40), "2026-11-21T00:00:0" + n + "Z", outcome, List.of());
    }

    private static HistoryRecord applied(long n, char config) {
        return TestRecords.record(n, "staging", String.valueOf(config).repeat(40), "2026-11-21T00:00:00Z", Outcome.APPLIED, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aSaveFromAStaleReadIsMergedNotLost(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp)) {
            var store = new HistoryStore(ns.client(), ns.name(), "staging", 50);
            History start = store.load();
            History first = store.save(start, start.state().withGood(pair('a', 'a')), record(1, Outcome.APPLIED)).history();

            History operator = store.save(first, first.state().withPause(pair('c', 'c')), record(2, Outcome.EMERGENCY_ROLLBACK)).history();
            assertNotNull(operator);
            History daemon = store.save(first, first.state().withFailed(pair('b', 'b')), record(2, Outcome.ROLLED_BACK)).history();

            History now = store.load();
            assertEquals(new TargetState(pair('a', 'a'), pair('b', 'b'), pair('c', 'c')), now.state());
            assertEquals(List.of(3L, 2L, 1L), now.records().stream().map(HistoryRecord::number).toList());
            assertEquals(List.of(Outcome.ROLLED_BACK, Outcome.EMERGENCY_ROLLBACK, Outcome.APPLIED), now.records().stream().map(HistoryRecord::outcome).toList());
            assertEquals(now.state(), daemon.state());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theSameRevisionRecordedByTwoWritersIsKeptOnce(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp)) {
            var one = new HistoryStore(ns.client(), ns.name(), "staging", 50);
            var two = new HistoryStore(ns.client(), ns.name(), "staging", 50);

            // neither finds a history yet: both create it
            History empty = one.load();
            one.save(empty, empty.state().withGood(pair('a', 'b')), applied(1, 'a'));
            two.save(empty, empty.state().withGood(pair('a', 'b')), applied(1, 'a'));
            assertEquals(List.of(1L), one.load().records().stream().map(HistoryRecord::number).toList());

            // both read the same history, then apply the next revision
            History read = one.load();
            one.save(read, read.state().withGood(pair('c', 'b')), applied(2, 'c'));
            History second = two.save(read, read.state().withGood(pair('c', 'b')), applied(2, 'c')).history();

            History now = one.load();
            assertEquals(List.of(2L, 1L), now.records().stream().map(HistoryRecord::number).toList(), "one record per revision");
            assertEquals(pair('c', 'b'), now.state().lastGood());
            assertEquals(now.records(), second.records(), "the losing writer sees the history as it is");

            // a different revision from a stale read is still recorded
            two.save(read, read.state(), applied(2, 'd'));
            assertEquals(List.of(3L, 2L, 1L), one.load().records().stream().map(HistoryRecord::number).toList());
        }
    }
}
