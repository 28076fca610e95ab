package io.kustos.history;

import io.kustos.outcome.Outcome;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two processes that applied the same revision from the same read both record it: the history
 * keeps one record of it (the second write loses the compare-and-swap, reads again, and finds it),
 * also when neither found a kustos-history ConfigMap yet. Without any lock around the writes.
 */
class RacingWritersRecordOnceIT {

    private static HistoryRecord applied(long n, char config) {
        var c = new HistoryRecord.Commit("a".repeat(40), "Ada <ada@example.com>", "2026-11-21T00:00:00Z", "s");
        return new HistoryRecord(n, "staging", "main@sha1:" + String.valueOf(config).repeat(40), "main@sha1:" + "b".repeat(40), c, c,
                "2026-11-21T00:00:00Z", 1, Outcome.APPLIED, null, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theSameRevisionRecordedByTwoWritersIsKeptOnce(String clusterName, @TempDir Path tmp) {
        try (var cluster = TestClusters.open(clusterName, tmp)) {
            String ns = "kr-" + Long.toHexString(System.nanoTime());
            cluster.createNamespace(ns);
            var one = new HistoryStore(cluster.client(), ns, "staging", 50);
            var two = new HistoryStore(cluster.client(), ns, "staging", 50);

            // neither finds a history yet: both create it
            History empty = one.load();
            one.save(empty, empty.state().withGood(pair('a', 'b')), applied(1, 'a'));
            two.save(empty, empty.state().withGood(pair('a', 'b')), applied(1, 'a'));
            assertEquals(List.of(1L), one.load().records().stream().map(HistoryRecord::number).toList());

            // both read the same history, then apply the next revision
            History read = one.load();
            one.save(read, read.state().withGood(pair('c', 'b')), applied(2, 'c'));
            History second = two.save(read, read.state().withGood(pair('c', 'b')), applied(2, 'c'));

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
