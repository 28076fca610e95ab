package io.kustos.reconcile;

import io.kustos.diff.Diff;
import io.kustos.diff.DiffPrinter;
import io.kustos.history.RecordBuilder;
import io.kustos.outcome.Outcome;
import io.kustos.work.FaultPoint;

import java.time.Instant;
import java.util.Optional;

/**
 * Records what the run did, once, in the environment's history and state, with one Event for the
 * outcome on its kustos-history ConfigMap: applied or drift-corrected (the last good revision),
 * rolled back or failed (the revision is held), a write that failed after its retries (put back
 * to the last good revision or left as written; the state stays), or a revision confirmed (no
 * record, only the state).
 */
final class RecordStep implements Step {
    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var store = run.access.store();
        var current = run.current();
        if (run.writeFailure != null) {
            return Step.stop(writeFailed(run));
        }
        if (run.rolloutFailure != null) {
            TargetOutcome outcome = run.rollback;
            boolean rolledBack = outcome instanceof TargetOutcome.RolledBack;
            // the outcome's error: also says when going back failed too
            String message = rolledBack ? run.rolloutFailure.getMessage() : ((TargetOutcome.Failed) outcome).error().getMessage();
            store.save(run.past, run.past.state().withFailed(current),
                    record(run, rolledBack ? Outcome.ROLLED_BACK : Outcome.FAILED, message));
            if (outcome instanceof TargetOutcome.RolledBack rb) {
                event(run, "RolledBack", current + ": " + run.rolloutFailure.getMessage() + "; rolled back to " + rb.restored(),
                        rb.rollback(), true);
            } else {
                event(run, "RolloutFailed", current + ": " + ((TargetOutcome.Failed) outcome).error().getMessage(), run.diff, true);
            }
            return Step.stop(outcome);
        }
        if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
            store.save(run.past, run.past.state().withGood(current), null);
            return Step.stop(new TargetOutcome.InSync(run.environment(), run.diff));
        }
        boolean heal = run.purpose == EnvironmentRun.Purpose.HEAL;
        FaultPoint.HISTORY_BEFORE.reach();
        store.save(run.past, run.past.state().withGood(current), record(run, heal ? Outcome.DRIFT_CORRECTED : Outcome.APPLIED, null));
        FaultPoint.HISTORY_AFTER.reach();
        event(run, heal ? "DriftCorrected" : "Applied", current.annotation(), run.diff, false);
        return Step.stop(heal ? new TargetOutcome.Drifted(run.environment(), run.diff, true)
                : new TargetOutcome.Applied(run.environment(), run.diff, run.written, run.notes));
    }

    /**
     * A write that failed after its retries: put back to the last good revision (rolled back, the
     * revision not held: a failure that may pass is tried again), or left as written (failed); the
     * state stays, the record and a Warning Event say which.
     */
    private static TargetOutcome writeFailed(EnvironmentRun run) {
        var current = run.current();
        if (run.rollback instanceof TargetOutcome.RolledBack rb) {
            var error = rb.error().restated(WriteFailures.putBack(rb.error(), rb.restored(), rb.rollback()));
            run.access.store().save(run.past, run.past.state(), record(run, Outcome.ROLLED_BACK, error.getMessage()));
            event(run, "RolledBack", current + ": a write failed; put back to its last good revision " + rb.restored() + ": "
                    + rb.error().getMessage(), rb.rollback(), true);
            return new TargetOutcome.RolledBack(run.environment(), error, rb.restored(), rb.rollback());
        }
        var failed = run.rollback instanceof TargetOutcome.Failed f ? f : new TargetOutcome.Failed(run.environment(), run.writeFailure);
        run.access.store().save(run.past, run.past.state(), record(run, Outcome.FAILED, failed.error().getMessage()));
        event(run, "WriteFailed", current + ": a write failed; not put back: " + failed.error().getMessage(), run.diff, true);
        return failed;
    }

    private static io.kustos.history.HistoryRecord record(EnvironmentRun run, Outcome outcome, String message) {
        return RecordBuilder.of(run.past.nextNumber(), run.environment(), run.desired.revisions(), run.diff, outcome, message,
                run.started, Instant.now());
    }

    /** The one Event of this revision's outcome, on the environment's kustos-history ConfigMap. */
    static void event(EnvironmentRun run, String reason, String head, Diff diff, boolean warning) {
        eventOn(run.access, reason, head, diff, warning);
    }

    static void eventOn(EnvironmentAccess access, String reason, String head, Diff diff, boolean warning) {
        access.events().record(access.target().namespace(), reason, head, diff == null ? java.util.List.of() : new DiffPrinter().changes(diff),
                warning);
    }
}
