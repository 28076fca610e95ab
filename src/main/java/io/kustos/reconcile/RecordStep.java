package io.kustos.reconcile;

import io.kustos.diff.Diff;
import io.kustos.diff.DiffPrinter;
import io.kustos.history.EarlierWrites;
import io.kustos.history.HistoryRecord;
import io.kustos.history.RecordBuilder;
import io.kustos.outcome.Outcome;
import io.kustos.work.FaultPoint;

import java.time.Instant;
import java.util.Optional;

/**
 * Records what the run did, once, in the environment's history and state, with one Event for the
 * outcome on its kustos-history ConfigMap: applied or drift-corrected (the last good revision),
 * rolled back or failed (the revision is held), a write that failed after its retries (put back
 * to the last good revision or left as written; the state stays), or a revision confirmed:
 * recorded as applied, with an Event, when an earlier run wrote it and was cut short before
 * recording it; only the state for a cluster adopted in sync. An applied revision's record also
 * lists the objects an earlier run of it wrote ({@link EarlierWrites}), so a recovery records the
 * whole change set.
 */
final class RecordStep implements Step {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RecordStep.class);
    private final SnapshotLookup clones;
    private final RenderCache renders;

    /**
     * @param clones  the local clones, to render the revision before one that an earlier run wrote part
     *                of (null: none)
     * @param renders renders that revision
     */
    RecordStep(SnapshotLookup clones, RenderCache renders) {
        this.clones = clones;
        this.renders = renders;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        run.ensureLockHeld("recording the revision in the history");
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
        var earlier = earlierWrites(run);
        if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
            boolean unrecorded = !earlier.isEmpty() && run.past.records().stream().noneMatch(r -> r.isOf(current));
            // written by a run cut short before it recorded (kill -9 in the rollout wait): recorded now, whole, as seen through
            store.save(run.past, run.past.state().withGood(current), unrecorded ? record(run, Outcome.APPLIED, null, earlier) : null);
            if (unrecorded) {
                eventOn(run.access, "Applied", head(run, current.annotation() + " (written by an earlier run that was cut short, seen through now)"),
                        EarlierWrites.phrases(earlier), false);
            }
            return Step.stop(new TargetOutcome.InSync(run.environment(), run.diff));
        }
        boolean heal = run.purpose == EnvironmentRun.Purpose.HEAL;
        HistoryRecord added = record(run, heal ? Outcome.DRIFT_CORRECTED : Outcome.APPLIED, null, earlier);
        FaultPoint.HISTORY_BEFORE.reach();
        var saved = store.save(run.past, run.past.state().withGood(current), added);
        FaultPoint.HISTORY_AFTER.reach();
        if (saved.recorded()) {
            run.recorded = saved.history();
            var changes = new java.util.ArrayList<>(new DiffPrinter().changes(run.diff));
            changes.addAll(EarlierWrites.phrases(earlier));
            eventOn(run.access, heal ? "DriftCorrected" : "Applied", heal ? current.annotation() : head(run, current.annotation()), changes, false);
        } // else another process recorded this revision meanwhile, and told it with its Event
        return Step.stop(heal ? new TargetOutcome.Drifted(run.environment(), run.diff, true)
                : new TargetOutcome.Applied(run.environment(), run.diff, run.written, run.notes));
    }

    /**
     * A write that failed after its retries: put back to the last good revision (rolled back, the
     * revision not held: a failure that may pass is tried again), or left as written (failed); the
     * state stays, the record and a Warning Event say which.
     */
    private TargetOutcome writeFailed(EnvironmentRun run) {
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

    private HistoryRecord record(EnvironmentRun run, Outcome outcome, String message) {
        return record(run, outcome, message, java.util.List.of());
    }

    /** The record of the run, with the objects an earlier run of the same revision wrote ({@link EarlierWrites}). */
    private HistoryRecord record(EnvironmentRun run, Outcome outcome, String message, java.util.List<HistoryRecord.ObjectRecord> earlier) {
        HistoryRecord r = RecordBuilder.of(run.past.nextNumber(), run.environment(), run.desired.revisions(), run.diff, outcome, message,
                run.started, Instant.now());
        if (!earlier.isEmpty()) {
            var all = new java.util.ArrayList<>(r.objects());
            all.addAll(earlier);
            r = r.withObjects(all);
        }
        return run.purpose == EnvironmentRun.Purpose.HEAL ? r : r.withForcePushes(rewrites(run));
    }

    /** What an earlier run of this revision wrote ({@link EarlierWrites}), compared with the last good revision when it renders. */
    private java.util.List<HistoryRecord.ObjectRecord> earlierWrites(EnvironmentRun run) {
        if (run.purpose == EnvironmentRun.Purpose.HEAL) {
            return java.util.List.of();
        }
        var found = EarlierWrites.of(run.live, run.diff, run.current());
        var lastGood = run.past.state().lastGood();
        if (found.isEmpty() || clones == null || lastGood == null) {
            return found;
        }
        try {
            var before = renders.renderOnce(clones.config(lastGood.config()), clones.releases(lastGood.releases()), run.access.target());
            return EarlierWrites.of(run.live, run.diff, run.current(), before);
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot render the last good revision {} to compare what an earlier run wrote: {}", run.environment(),
                    lastGood, e.getMessage());
            return found;
        }
    }

    /** The force pushes followed since the last good revision ({@code allowForcePush}, {@link ForcePushStep}). */
    private static java.util.List<HistoryRecord.Rewrite> rewrites(EnvironmentRun run) {
        return run.forcePushes;
    }

    /** The Event's head: the revision, and the force pushes followed to reach it. */
    private String head(EnvironmentRun run, String head) {
        var followed = rewrites(run);
        return followed.isEmpty() ? head : head + " (followed a force push: "
                + followed.stream().map(HistoryRecord.Rewrite::describe).collect(java.util.stream.Collectors.joining("; ")) + ")";
    }

    /** The one Event of this revision's outcome, on the environment's kustos-history ConfigMap. */
    static void event(EnvironmentRun run, String reason, String head, Diff diff, boolean warning) {
        eventOn(run.access, reason, head, diff, warning);
    }

    static void eventOn(EnvironmentAccess access, String reason, String head, Diff diff, boolean warning) {
        eventOn(access, reason, head, diff == null ? java.util.List.of() : new DiffPrinter().changes(diff), warning);
    }

    static void eventOn(EnvironmentAccess access, String reason, String head, java.util.List<String> changes, boolean warning) {
        access.events().record(access.target().namespace(), reason, head, changes, warning);
    }
}
