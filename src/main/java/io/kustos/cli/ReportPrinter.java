package io.kustos.cli;

import io.kustos.diff.DiffPrinter;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.text.Plural;

import java.io.PrintStream;

/**
 * Prints a reconcile report for people: one block per environment, one line per changed object;
 * the error, like every command's, on {@code err} (stderr).
 */
final class ReportPrinter {
    private final PrintStream out;
    private final PrintStream err;
    private final DiffPrinter diffs = new DiffPrinter();

    ReportPrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void print(ReconcileReport report) {
        out.println("revision config=" + report.config() + " releases=" + report.releases());
        for (TargetOutcome t : report.targets()) {
            if (t instanceof TargetOutcome.InSync) {
                out.println(t.environment() + ": in sync, nothing to write");
            } else if (t instanceof TargetOutcome.Applied a) {
                out.println(t.environment() + ": applied " + Plural.of(a.written(), "object"));
                diffs.summary(a.diff()).forEach(l -> out.println("  " + l));
                a.notes().forEach(n -> out.println("  = " + n));
            } else if (t instanceof TargetOutcome.Differs d) {
                out.println(t.environment() + ": " + Plural.of(d.diff().size(), "object") + (d.diff().size() == 1 ? " differs" : " differ"));
                diffs.summary(d.diff()).forEach(l -> out.println("  " + l));
            } else if (t instanceof TargetOutcome.Paused p) {
                out.println(t.environment() + ": paused by an emergency rollback at " + p.pausedAt() + " (until a new commit or kustos resume)");
            } else if (t instanceof TargetOutcome.Drifted d) {
                out.println(t.environment() + ": drift from git " + (d.restored() ? "restored" : "left as it is, because sync.selfHeal is off: "
                        + "set it to true and run kustos apply again to restore git's values, or commit the changed values to keep them"));
                diffs.summary(d.diff()).forEach(l -> out.println("  " + l));
            } else if (t instanceof TargetOutcome.RolledBack rb) {
                out.println(t.environment() + ": FAILED (" + rb.error().kind() + "), rolled back to " + rb.restored());
                diffs.summary(rb.rollback()).forEach(l -> out.println("  " + l));
            } else if (t instanceof TargetOutcome.Failed f) {
                out.println(t.environment() + ": FAILED (" + f.error().kind() + ")");
            } else if (t instanceof TargetOutcome.Held) {
                out.println(t.environment() + ": FAILED (held), not tried again until a new commit or kustos apply --retry");
            } else if (t instanceof TargetOutcome.Waiting w) {
                out.println(t.environment() + ": " + w.message() + ", nothing written");
            }
        }
        printProblems(report, err);
    }

    /** Each environment's error, one {@code error:} line (or block) each, in kustos.yaml's order. */
    static void printProblems(ReconcileReport report, PrintStream err) {
        report.targets().forEach(t -> ReconcileReport.problem(t).ifPresent(m -> err.println("error: " + m)));
    }
}
