package io.kustos.cli;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `kustos apply` prints its report on stdout and its error on stderr, like every other command. */
class ApplyPrintsErrorsOnStderrTest {
    @Test
    void theErrorOfAFailedTargetGoesToStderr() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var report = new ReconcileReport(new Revision("main", "a".repeat(40)), new Revision("main", "b".repeat(40)),
                List.of(new TargetOutcome.Failed("staging", new StallingException("config:x.yaml: data.PORT: not a string", FailureReason.INVALID_INPUT))));
        new ReportPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).print(report);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("staging: FAILED"), printed);
        assertFalse(printed.contains("error:"), printed);
        assertEquals("error: config:x.yaml: data.PORT: not a string\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHeldWriteLockReadsAsLockedNotAsAPromotionWait() {
        var out = new ByteArrayOutputStream();
        var report = new ReconcileReport(new Revision("main", "a".repeat(40)), new Revision("main", "b".repeat(40)),
                List.of(new TargetOutcome.Failed("staging", new io.kustos.failure.WaitingException("staging is being written by another writer",
                        FailureReason.WRITE_LOCKED, java.time.Duration.ofSeconds(20)))));
        new ReportPrinter(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).print(report);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("staging: FAILED (locked)\n"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonReportCountsTheLockRequestsAsTheTextDoes() throws Exception {
        var counter = new io.kustos.cluster.RequestCounter();
        var report = new ReconcileReport(new Revision("main", "a".repeat(40)), new Revision("main", "b".repeat(40)),
                List.of(new TargetOutcome.InSync("staging", null)));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(ReportDocument.of(report, counter));
        assertTrue(json.path("requests").has("locks"), json.toString());
    }
}
