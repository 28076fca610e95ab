package io.kustos.reconcile;

import io.kustos.config.Sync;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.source.RevisionPair;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The per-environment pipelines, one list of steps stopped at different places:
 * <pre>
 * apply   render → inputs unchanged (daemon: recorded, no request but the history's) → read live → compare → read history → plan → nothing to write? →
 *         revision gate (paused / held / drift) → promotion gate → lock → read again (live, history)
 *         → force push? → plan → nothing to write? → revision gate → dry run → write → automatic
 *         rollback → record → unlock
 * diff    render → read live → compare → force push? → preview
 * preview render → read live → compare → read history → plan → dry run → promotion (decided, not
 *         waited for) → preview (kustos preview: nothing is written, recorded nor locked)
 * heal    settled? → render → watch caches → read live → compare → read history → heal gate
 *         (drift) → lock → read again → heal gate → dry run → write → automatic rollback → record → unlock
 * restore render (an older revision) → read live → compare → plan → dry run → write without hooks
 *         (under the lock of whoever asked: the automatic rollback's run, or the emergency rollback)
 * </pre>
 * The lock ({@link LockStep}) is taken only when there is something to write, and what was read
 * before it is read again after it: another writer may have just written the same revision (not
 * when the lock was taken by creating its Lease: no writer had ever held it). The
 * force push is judged only then, once ({@link ForcePushStep}), against the last good revision as
 * recorded while no one else writes.
 */
final class Pipelines {
    private final EnvironmentPipeline apply;
    private final EnvironmentPipeline diff;
    private final EnvironmentPipeline preview;
    private final EnvironmentPipeline heal;
    private final EnvironmentPipeline restore;
    private final SnapshotLookup clones;
    private final LockStep lock;
    private final CachedLiveRead cachedReads;

    Pipelines(Sync sync, io.kustos.config.Sources sources, RenderCache renders, Rollouts rollouts, HealMemory memory, SnapshotLookup clones,
              Function<String, EnvironmentAccess> environments, Supplier<WriteLockPolicy> locks) {
        clones = KnownLineages.of(clones); // the lineage of a last good commit is looked up once per revision, not per environment
        this.clones = clones;
        Differ differ = new Differ(sync.prune(), sync.allowPruneAll());
        DriftHealing drift = new DriftHealing(sync);
        this.lock = new LockStep(sync.writeLock(), locks, java.time.Clock.systemUTC()); // the Lease is read by other hosts: wall time
        var writeAndRecord = List.of(new DryRunStep(rollouts, differ), new WriteStep(rollouts),
                new AutomaticRollbackStep(sync, this::restore), new RecordStep(clones, renders));
        var forcePush = new ForcePushStep(sources, clones);
        // the daemon compares only the configs changed since the last good revision while its watches vouch for the rest
        // and reads them from its watch caches while they vouch for the environment (the configs it compares by a GET under the lock)
        this.cachedReads = new CachedLiveRead(memory, differ);
        var readHistory = List.of(ReadLiveStep.fromCaches(cachedReads), CompareStep.onlyChanged(differ, memory), new ReadHistoryStep(true));
        var planToWrite = List.of(new PlanStep(), new NothingToWriteStep(), new RevisionGateStep(drift));
        // the force push is judged once, under the lock: against the last good revision recorded while no one else writes
        // (a lineage lookup may fetch); before the lock, what is read only decides whether there is anything to write
        // an environment whose inputs the commit left as they were ends here, in the daemon, when its watches vouch for it
        this.apply = new EnvironmentPipeline("apply", concat(List.of(new RenderStep(renders, true, true),
                        new UntouchedEnvironmentStep(memory, differ, clones, locks)), readHistory, planToWrite,
                List.of(new PromotionStep(environments), lock), readHistory, List.of(forcePush), planToWrite, writeAndRecord),
                Pipelines::recordRefusal);
        this.diff = new EnvironmentPipeline("diff", List.of(new RenderStep(renders, true, false), new ReadLiveStep(false),
                new CompareStep(differ), forcePush, new PreviewStep()));
        this.preview = new EnvironmentPipeline("preview", List.of(new RenderStep(renders, false, false), new ReadLiveStep(false),
                new CompareStep(differ), new ReadHistoryStep(false), new PlanStep(), new DryRunStep(rollouts, differ),
                PromotionStep.previewing(environments), new PreviewStep()));
        var readToHeal = List.of(new ReadLiveStep(sync.selfHeal()), new CompareStep(differ), new ReadHistoryStep(false),
                HealGateStep.drifted(memory, drift));
        this.heal = new EnvironmentPipeline("heal", concat(List.of(HealGateStep.settled(memory), new RenderStep(renders, true, false),
                new WatchedCompareStep(memory, differ)), readToHeal, List.of(lock), readToHeal, writeAndRecord));
        this.restore = new EnvironmentPipeline("restore", List.of(new RenderStep(renders, false, false), new ReadLiveStep(false),
                new CompareStep(differ), new PlanStep(), new DryRunStep(rollouts, differ), new RestoreWriteStep(rollouts)));
    }

    EnvironmentPipeline apply() {
        return apply;
    }

    EnvironmentPipeline diff() {
        return diff;
    }

    EnvironmentPipeline preview() {
        return preview;
    }

    EnvironmentPipeline heal() {
        return heal;
    }

    /**
     * After an apply pipeline's run ended applied, in the daemon: the watch caches compared with the revision just applied,
     * once they delivered its record ({@link CachedLiveRead#matchAfterApply}), so that the next commit need not.
     */
    void applied(EnvironmentRun run) {
        cachedReads.matchAfterApply(run);
    }

    /** The daemon's reads from its watch caches (a test sets how long it waits for them after an apply). */
    CachedLiveRead cachedReads() {
        return cachedReads;
    }

    /** The write lock of {@code access}'s environment, taken as the pipelines take it, for a run outside them (an emergency rollback). */
    io.kustos.cluster.EnvironmentLock.Held lock(EnvironmentAccess access) {
        return lock.take(access);
    }

    /**
     * Brings an environment back to {@code revisions} from the local clones, without hooks, under {@code lock}, held by the
     * caller (the automatic rollback's run, an emergency rollback): checked before each write phase
     * ({@link io.kustos.cluster.LockLostException}), and left to the caller to give up. @return what changed
     */
    Diff restore(EnvironmentAccess access, RevisionPair revisions, io.kustos.cluster.HeldLock lock) {
        var run = new EnvironmentRun(access, clones.config(revisions.config()), clones.releases(revisions.releases()), false);
        run.lock = lock == null ? null : lock.borrowed();
        TargetOutcome outcome = restore.run(run);
        if (outcome instanceof TargetOutcome.Failed f) {
            throw f.error();
        }
        return ((TargetOutcome.Applied) outcome).diff();
    }

    /**
     * A revision refused before any write in this environment (bad input found after rendering —
     * a workload missing from the cluster, a dry run the API server refuses) is recorded there
     * once, as one that does not render ({@link InvalidRevision}); what may pass is not.
     */
    private static void recordRefusal(EnvironmentRun run, KustosException e) {
        if (e instanceof StallingException && run.desired != null) {
            InvalidRevision.record(run.access.target(), run.access.store(), run.access.events(), run.desired.revisions(), e, run.retry);
        }
    }

    @SafeVarargs
    private static List<Step> concat(List<? extends Step>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).map(Step.class::cast).toList();
    }

}
