package io.kustos.runtime;

import io.kustos.diff.Diff;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import io.kustos.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon logs one line per environment after a reconcile, whatever its outcome (README, "kustos run"). */
class ReportLogTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final Diff EMPTY = new Diff(null, List.of(), List.of());

    private static List<String> logged(TargetOutcome outcome) {
        try (var logs = LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
            ReportLog.log(new ReconcileReport(A, A, List.of(outcome)), 7);
            return logs.events().stream().filter(e -> e.getLoggerName().endsWith("ReportLog")).map(e -> e.getFormattedMessage()).toList();
        }
    }

    @Test
    void aCorrectedDriftGetsItsOutcomeLine() {
        var lines = logged(new TargetOutcome.Drifted("staging", EMPTY, true));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("drift from git corrected in 7 ms"), lines.toString());
    }

    @Test
    void aDriftLeftAsItIsGetsItsOutcomeLine() {
        var lines = logged(new TargetOutcome.Drifted("staging", EMPTY, false));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("drift from git detected, left as it is (sync.selfHeal is off) in 7 ms"), lines.toString());
    }
}
