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
 * Two writers of one environment's history (the daemon, and an operator's emergency rollback)
 * from the same read: the second save finds the first and merges into it, so neither the pause
 * nor a record is lost.
 */
class ConcurrentHistoryWritesIT {

    private static HistoryRecord record(long n, Outcome outcome) {
        var c = new HistoryRecord.Commit("a".repeat(40), "Ada <ada@example.com>", "2026-11-21T00:00:00Z", "s");
        return new HistoryRecord(n, "staging", "main@sha1:" + "a".repeat(40), "main@sha1:" + "b".repeat(40), c, c,
                "2026-11-21T00:00:0" + n + "Z", 1, outcome, null, List.of());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aSaveFromAStaleReadIsMergedNotLost(String clusterName, @TempDir Path tmp) {
        try (var cluster = TestClusters.open(clusterName, tmp)) {
            String ns = "kh-" + Long.toHexString(System.nanoTime());
            cluster.createNamespace(ns);
            var store = new HistoryStore(cluster.client(), ns, "staging", 50);
            History start = store.load();
            History first = store.save(start, start.state().withGood(pair('a', 'a')), record(1, Outcome.APPLIED));

            History operator = store.save(first, first.state().withPause(pair('c', 'c')), record(2, Outcome.EMERGENCY_ROLLBACK));
            assertNotNull(operator);
            History daemon = store.save(first, first.state().withFailed(pair('b', 'b')), record(2, Outcome.ROLLED_BACK));

            History now = store.load();
            assertEquals(new TargetState(pair('a', 'a'), pair('b', 'b'), pair('c', 'c')), now.state());
            assertEquals(List.of(3L, 2L, 1L), now.records().stream().map(HistoryRecord::number).toList());
            assertEquals(List.of(Outcome.ROLLED_BACK, Outcome.EMERGENCY_ROLLBACK, Outcome.APPLIED), now.records().stream().map(HistoryRecord::outcome).toList());
            assertEquals(now.state(), daemon.state());
        }
    }
}
