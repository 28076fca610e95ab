package io.kustos.reconcile;

import io.kustos.history.HistoryRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A revision that does not render is recorded once per error: another apply, or the daemon after a
 * restart, finds its {@code failed} record and adds none; a new commit, or the same commit failing
 * with another error (e.g. another wrong key), is recorded.
 */
class InvalidRevisionIsRecordedOnceTest {
    private static final String BAD = "config=main@sha1:b;releases=main@sha1:r";
    private static final String NEXT = "config=main@sha1:n;releases=main@sha1:r";
    private static final String ERROR = "invalid input:\n  config:environments/staging/app/config.yaml: data.PORT: must be a string";

    @Test
    void theSameFailureOfTheSameRevisionIsRecordedOnce() {
        var history = List.of(record(BAD, "failed", ERROR), record("config=main@sha1:g;releases=main@sha1:r", "applied", null));
        assertTrue(InvalidRevision.recorded(history, BAD, ERROR));
    }

    @Test
    void aNewCommitOrAnotherErrorIsRecorded() {
        var history = List.of(record(BAD, "failed", ERROR));
        assertFalse(InvalidRevision.recorded(history, NEXT, ERROR), "a new commit");
        assertFalse(InvalidRevision.recorded(history, BAD, "invalid input:\n  config:x.yaml: key error"), "another error");
        assertFalse(InvalidRevision.recorded(List.of(), BAD, ERROR), "no history yet");
        assertFalse(InvalidRevision.recorded(List.of(record(BAD, "applied", null)), BAD, ERROR), "not a failure");
    }

    private static HistoryRecord record(String revisions, String outcome, String message) {
        String[] r = revisions.replace("config=", "").replace("releases=", "").split(";");
        var commit = new HistoryRecord.Commit("b", "Alice", "2026-12-05T00:00:00Z", "subject");
        return new HistoryRecord(1, "staging", r[0], r[1], commit, commit, "2026-12-05T00:00:00Z", 0, outcome, message, List.of());
    }
}
