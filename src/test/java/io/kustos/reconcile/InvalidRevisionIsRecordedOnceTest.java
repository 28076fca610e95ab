package io.kustos.reconcile;

import io.kustos.history.HistoryRecord;
import io.kustos.outcome.Outcome;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revision that does not render is recorded once per error: another apply, or the daemon after a
 * restart, finds its {@code failed} record and adds none; a new commit, or the same commit failing
 * with another error (e.g. another wrong key), is recorded.
 */
class InvalidRevisionIsRecordedOnceTest {
    private static final RevisionPair BAD = pair('b', 'e');
    private static final RevisionPair NEXT = pair('c', 'e');
    private static final String ERROR = "invalid input:\n  config:environments/staging/app/config.yaml: data.PORT: must be a string";

    @Test
    void theSameFailureOfTheSameRevisionIsRecordedOnce() {
        var history = List.of(record(BAD, Outcome.FAILED, ERROR), record(pair('a', 'e'), Outcome.APPLIED, null));
        assertTrue(InvalidRevision.recorded(history, BAD, ERROR));
    }

    @Test
    void aNewCommitOrAnotherErrorIsRecorded() {
        var history = List.of(record(BAD, Outcome.FAILED, ERROR));
        assertFalse(InvalidRevision.recorded(history, NEXT, ERROR), "a new commit");
        assertFalse(InvalidRevision.recorded(history, BAD, "invalid input:\n  config:x.yaml: key error"), "another error");
        assertFalse(InvalidRevision.recorded(List.of(), BAD, ERROR), "no history yet");
        assertFalse(InvalidRevision.recorded(List.of(record(BAD, Outcome.APPLIED, null)), BAD, ERROR), "not a failure");
    }

    private static HistoryRecord record(RevisionPair revisions, Outcome outcome, String message) {
        var commit = new HistoryRecord.Commit("b", "Alice", "2026-12-05T00:00:00Z", "subject");
        return new HistoryRecord(1, "staging", revisions.config().toString(), revisions.releases().toString(), commit, commit, "2026-12-05T00:00:00Z", 0, outcome, message, List.of());
    }
}
