package io.kustos.reconcile;

import io.kustos.live.LiveStateReader;
import io.kustos.diff.Diff;
import io.kustos.failure.KustosException;
import io.kustos.history.History;
import io.kustos.plan.Plan;
import io.kustos.render.DesiredState;
import io.kustos.rollout.RolloutFailedException;
import io.kustos.source.RepoSnapshot;

import java.time.Instant;
import java.util.List;

/**
 * The one value an {@link EnvironmentPipeline} carries for one environment and one pair of
 * revisions: what was asked (the snapshots, {@code retry}), then what each step found — the
 * desired state, the live state, the diff, the history, the plan, what was written — in the
 * order the steps fill it in. Each run belongs to one thread.
 */
final class EnvironmentRun {
    /** What the writes of this run are for: they decide how it is recorded. */
    enum Purpose {
        /** A new revision (or one retried). */
        APPLY,
        /** The revision already applied, restored after someone changed the cluster. */
        HEAL,
        /** Nothing to write, but the revision was never seen through: wait for its workloads and record it. */
        CONFIRM
    }

    final EnvironmentAccess access;
    final RepoSnapshot config;
    final RepoSnapshot releases;
    final boolean retry;
    final Instant started = Instant.now();
    /** The outcomes of the environments that finished earlier in the same reconcile, by name. */
    java.util.Map<String, TargetOutcome> earlier = java.util.Map.of();

    DesiredState desired;
    /** The cluster's objects and the kustos-history ConfigMap, read by the same lists (its history: null, none yet). */
    LiveStateReader.Found found;
    /** The live state compared: {@code found}'s, with the fingerprint key when Kustos will write. */
    io.kustos.live.LiveState live;
    Diff diff;
    History past;
    /** The force pushes followed since the last good revision ({@code allowForcePush}; set by {@link ForcePushStep}). */
    List<io.kustos.history.HistoryRecord.Rewrite> forcePushes = List.of();
    Plan plan;
    Purpose purpose = Purpose.APPLY;
    /** Server-side apply with force: a heal takes back what others overwrote. */
    boolean force;
    /** Objects written, and a line for each hook and workload seen through (set by the write step). */
    int written;
    List<String> notes = List.of();
    /** A hook or rollout that failed (set by the write step; the rollback step acts on it). */
    RolloutFailedException rolloutFailure;
    /** A write the server refused or that could not be sent (set by the write step). */
    KustosException writeFailure;
    /** What an automatic rollback restored, when one ran. */
    TargetOutcome rollback;
    /** A preview's promotion: whom the environment would wait for ({@code after:}) before it changes; null when not decided. */
    PromotionGate.Decision promotion;
    /**
     * Set by the lock step when it took the lock by creating its Lease: no writer had held it, so what was read before it
     * is still what the steps after it would read again (they use it instead of reading again).
     */
    boolean readBeforeLockStands;
    /** The history as the record step wrote it, with a new record; null until then, or when another process recorded. */
    History recorded;
    /** The environment's write lock, held from the lock step to the end of the run. */
    io.kustos.cluster.HeldLock lock;

    EnvironmentRun(EnvironmentAccess access, RepoSnapshot config, RepoSnapshot releases, boolean retry) {
        this.access = access;
        this.config = config;
        this.releases = releases;
        this.retry = retry;
    }

    /**
     * Before {@code phase} of writing or recording: stops the run ({@link io.kustos.cluster.LockLostException}) when the write lock
     * taken for it is no longer its own; nothing to check without one (a preview, a restore under its caller's lock).
     */
    void ensureLockHeld(String phase) {
        if (lock != null) {
            lock.ensureHeld(phase);
        }
    }

    String environment() {
        return access.environment();
    }

    /** The revisions being applied. */
    io.kustos.source.RevisionPair current() {
        return desired.revisions().pair();
    }
}
