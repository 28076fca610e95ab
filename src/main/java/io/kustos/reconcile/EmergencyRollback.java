package io.kustos.reconcile;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import io.kustos.cluster.HeldLock;
import io.kustos.config.Target;
import io.kustos.history.History;
import io.kustos.history.HistoryRecord;
import io.kustos.history.RecordBuilder;
import io.kustos.outcome.Outcome;

import java.time.Instant;
import java.util.function.Function;

/**
 * {@code kustos rollback --emergency --to N}, for when git cannot be reached: re-renders revision
 * N from the commits in the local clones, applies it, and pauses syncing of the environment until
 * a new commit arrives or {@code kustos resume}. Both steps are recorded in the history. A
 * revision that failed stays held through both: only a new commit or {@code --retry} tries it.
 * It holds the environment's write lock throughout and checks it where a write run does: before
 * each write phase and before the record; once lost, it stops there
 * ({@link io.kustos.cluster.LockLostException}, exit 5), writing and recording nothing more.
 */
public final class EmergencyRollback {
    private final RevisionReconciler reconciler;
    private final Function<Target, HeldLock> locks;

    /** @param reconciler one whose snapshots come from the local clones (a {@link SourcePoller}) */
    public EmergencyRollback(RevisionReconciler reconciler) {
        this(reconciler, reconciler::lock);
    }

    /** @param locks takes the write lock of an environment (the reconciler's, or one a test loses) */
    EmergencyRollback(RevisionReconciler reconciler, Function<Target, HeldLock> locks) {
        this.reconciler = reconciler;
        this.locks = locks;
    }

    public HistoryRecord rollBack(Target target, long number) {
        try (var lock = locks.apply(target)) {
            return rollBackLocked(target, number, lock);
        }
    }

    private HistoryRecord rollBackLocked(Target target, long number, HeldLock lock) {
        var store = reconciler.store(target);
        History past = store.load();
        HistoryRecord to = past.find(number).orElseThrow(() -> new StallingException(target.environment()
                + ": there is no revision " + number + " in the history (kustos history lists them)", FailureReason.INVALID_INPUT));
        io.kustos.source.RevisionPair pausedAt = past.state().pausedAt() != null ? past.state().pausedAt() : past.records().stream()
                .filter(r -> r.outcome() != Outcome.EMERGENCY_ROLLBACK && r.outcome() != Outcome.RESUMED)
                .findFirst().map(HistoryRecord::revisions).orElse(to.revisions());
        Instant start = Instant.now();
        var diff = reconciler.restore(target, to.revisions(), lock);
        lock.ensureHeld("recording the emergency rollback in the history");
        var record = RecordBuilder.about(past.nextNumber(), to, Outcome.EMERGENCY_ROLLBACK, "re-applied revision " + number
                + " from the local clones; syncing paused until a new commit or kustos resume", diff, start, Instant.now());
        store.save(past, past.state().afterEmergencyRollback(to.revisions(), pausedAt), record);
        RecordStep.eventOn(reconciler.access(target), "RolledBack", "emergency rollback to revision " + number, diff, true);
        return record;
    }

    public HistoryRecord resume(Target target) {
        var store = reconciler.store(target);
        History past = store.load();
        if (past.state().pausedAt() == null) {
            throw new StallingException(target.environment() + " is not paused", FailureReason.INVALID_INPUT);
        }
        Instant now = Instant.now();
        var record = RecordBuilder.about(past.nextNumber(), past.records().get(0), Outcome.RESUMED, "syncing resumed by kustos resume", null, now, now);
        store.save(past, past.state().withPause(null), record);
        return record;
    }
}
