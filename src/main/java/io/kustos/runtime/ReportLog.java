package io.kustos.runtime;

import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.RevisionPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The daemon's account of a reconcile: one log line per environment, with {@code environment}
 * and {@code revision} in the MDC (and so in every JSON line). Change summaries name objects and
 * keys, never values.
 */
final class ReportLog {
    private static final Logger LOG = LoggerFactory.getLogger(ReportLog.class);

    private ReportLog() {
    }

    /** Multi-line messages (a list of problems) joined, so that an event stays one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " | ");
    }

    /** @param millis the whole reconcile's time, for an environment whose own was not measured */
    static void log(ReconcileReport report, long millis) {
        String revision = new RevisionPair(report.config(), report.releases()).shortForm();
        for (TargetOutcome t : report.targets()) {
            try (var env = MDC.putCloseable("environment", t.environment());
                 var rev = MDC.putCloseable("revision", revision)) {
                long took = report.took(t.environment()).map(java.time.Duration::toMillis).orElse(millis);
                if (t instanceof TargetOutcome.InSync) {
                    LOG.info("in sync ({} ms)", took);
                } else if (t instanceof TargetOutcome.Applied a) {
                    LOG.info("applied {} in {} ms: {}", io.kustos.text.Plural.of(a.written(), "object"), took, String.join("; ", ChangeSummary.of(a.diff())));
                } else if (t instanceof TargetOutcome.Drifted d) {
                    LOG.info("drift from git {} in {} ms: {}", d.restored() ? "corrected" : "detected, left as it is (sync.selfHeal is off)", took,
                            String.join("; ", ChangeSummary.of(d.diff())));
                } else if (t instanceof TargetOutcome.Paused p) {
                    LOG.info("paused by an emergency rollback at {} (until a new commit or kustos resume)", p.pausedAt());
                } else if (t instanceof TargetOutcome.Differs d) {
                    LOG.info("differs, not applied: {}", String.join("; ", ChangeSummary.of(d.diff())));
                } else if (t instanceof TargetOutcome.Failed f) {
                    LOG.warn("failed ({}): {}", f.error().kind(), oneLine(f.error().getMessage()));
                } else if (t instanceof TargetOutcome.Held h) {
                    LOG.warn("held: {}", h.message());
                } else if (t instanceof TargetOutcome.Waiting w) {
                    LOG.info("{}, nothing written", w.message());
                } else if (t instanceof TargetOutcome.RolledBack r) {
                    LOG.warn("rolled back to {} after ({}): {}", r.restored(), r.error().kind(), oneLine(r.error().getMessage()));
                }
            }
        }
    }
}
