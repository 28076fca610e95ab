package io.kustos.history;

import io.kustos.outcome.Outcome;

import java.util.List;

/** History records for tests that write a {@link HistoryStore} directly: one commit by Ada, releases at b…b. */
final class TestRecords {
    static final HistoryRecord.Commit COMMIT = new HistoryRecord.Commit("a".repeat(40), "Ada <ada@example.com>", "2026-11-21T00:00:00Z", "s");

    private TestRecords() {
    }

    /** Record {@code n} of {@code environment}: config at commit {@code configSha} (40 hex digits), these objects. */
    static HistoryRecord record(long n, String environment, String configSha, String appliedAt, Outcome outcome,
                                List<HistoryRecord.ObjectRecord> objects) {
        return new HistoryRecord(n, environment, "main@sha1:" + configSha, "main@sha1:" + "b".repeat(40),
                COMMIT, COMMIT, appliedAt, 1, outcome, null, objects);
    }
}
