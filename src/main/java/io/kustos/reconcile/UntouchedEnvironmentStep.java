package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.live.LiveObjects;
import io.kustos.live.WatchedObjects;
import io.kustos.render.DesiredWorkload;
import io.kustos.rollout.RolloutProgress;
import io.kustos.source.Lineage;
import io.kustos.source.RevisionPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * In the daemon, a new revision that leaves this environment's inputs as they were
 * ({@link UnchangedInputsRule}: the digest of the revision last recorded as good here) ends in sync
 * without listing the cluster, taking the write lock or waiting for rollouts, and is recorded as the
 * last good revision by one conditional write of the history's state (that key alone: the records are neither read nor sent): no record, no Event — what a
 * confirm of it records ({@link RecordStep}). Only while the watch premise holds, the rule
 * {@link WatchedCompareStep} heals by: every watch up, and the caches match the revision with every
 * workload rolled out. When nothing this environment watches changed since its caches last matched
 * the last good revision, that verdict stands and no object is compared again: a commit elsewhere
 * costs this environment no compare. The history is read fresh (one GET) and must still stand at that
 * revision (not failed since, not paused); a force push since it, or a write by anyone in between
 * (409), and anything this step does not know sends the run on the full path, as before.
 *
 * <p>Watch caches lag the server. The lag is bounded by the history just read: the step goes on only
 * when the ConfigMap watch of the namespace has handled {@code kustos-history} at that GET's resourceVersion
 * or later (its handlers, not its cache, which fabric8 fills before it calls them), and nothing changed in the caches since they were compared; so a ConfigMap edited before the
 * history's last write (a hand edit, a CLI run that failed part way) is in the compare, and the full path
 * lists otherwise. Secrets and workloads come on streams of their own that nothing bounds here: a change
 * to one that the caches have not delivered yet is found by the next heal poll (and healed with
 * {@code selfHeal}), as a change made just after the commit would be.
 */
final class UntouchedEnvironmentStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(UntouchedEnvironmentStep.class);
    private final HealMemory memory;
    private final Differ differ;
    private final SnapshotLookup clones;
    private final Supplier<WriteLockPolicy> locks;

    /**
     * @param clones the local clones, to judge a force push since the last good revision (null: none)
     * @param locks  whose ownership of the environment (a sharded replica's share) is checked before the write, as the lock's
     */
    UntouchedEnvironmentStep(HealMemory memory, Differ differ, SnapshotLookup clones, Supplier<WriteLockPolicy> locks) {
        this.memory = memory;
        this.differ = differ;
        this.clones = clones;
        this.locks = locks;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (!memory.watches()) {
            return Step.next();
        }
        var target = run.access.target();
        var good = memory.lastGood(run.environment());
        if (!UnchangedInputsRule.sameInputs(good, target, run.desired, run.retry)) {
            return Step.next();
        }
        var watched = memory.watched(target);
        long changes = watched.changes();
        // nothing this environment watches changed since its caches last matched the last good revision: that verdict
        // stands, and no object is compared again (the same rule as a heal poll's); else compare every object with the caches
        boolean unchanged = CachesVouchRule.unchangedSince(memory, run.environment(), watched, good.revisions(), changes);
        // reading the caches starts the watches this environment reads (as a heal poll does); until all are up and synced,
        // and whenever one is down (it may have missed a change), the full path lists
        Diff cached = unchanged ? new Diff(run.desired, List.of(), List.of()) : WatchedCompareStep.cachedDiff(differ, watched, run.desired);
        if (cached == null || !cached.isEmpty() || !rolledOut(watched, run.desired.workloads()) || !watched.watching()) {
            return Step.next();
        }
        var store = run.access.store();
        var past = store.getState(); // the state alone: its records are neither read nor written again
        if (past == null || !UnchangedInputsRule.standsAt(past.state(), good) || forcePushed(past.state().lastGood(), run.current())) {
            return Step.next();
        }
        // the caches may lag: trust them only when their ConfigMaps have come up to the history just read, and nothing came since
        // they were compared (a hand edit older than the history's last write is then in them)
        if (!CachesVouchRule.upToTheHistory(watched, changes, target.namespace(), past.resourceVersion())) {
            LOG.debug("{}: the watch caches are behind the history just read; the full path lists", run.environment());
            return Step.next();
        }
        locks.get().ownership().ensureOwned(run.environment(), "recording the revision in the history");
        if (!store.saveStateIfUnchanged(past, past.state().withGood(run.current()))) {
            return Step.next(); // someone wrote the history meanwhile
        }
        memory.rememberGood(target, run.desired);
        memory.matched(run.environment(), new HealMemory.MatchedAt(run.current(), changes));
        LOG.info("{}: {} leaves its inputs as at {}; recorded as its last good revision, nothing listed, written or waited for",
                run.environment(), run.current().shortForm(), good.revisions().shortForm());
        return Step.stop(new TargetOutcome.InSync(run.environment(), cached));
    }

    /** Whether any source was force pushed since {@code lastGood} (followed or not: the full path judges and records it). */
    private boolean forcePushed(RevisionPair lastGood, RevisionPair current) {
        ForcePushRule.Lineages lineages = clones == null ? (source, from, to) -> Lineage.ANCESTOR : clones::lineage;
        var verdict = ForcePushRule.judge(lastGood, current, lineages, source -> false);
        return verdict.refused() != null || !verdict.followed().isEmpty();
    }

    /** Every workload is rolled out in the caches, as a confirm's wait would find it at once. */
    private static boolean rolledOut(WatchedObjects watched, List<DesiredWorkload> workloads) {
        var caches = watched.caches();
        if (caches.isEmpty()) {
            return false;
        }
        try {
            for (DesiredWorkload w : workloads) {
                // a timed-out Deployment asks for its ReplicaSet: the full path reads it and judges
                var progress = RolloutProgress.of(find(caches.get(), w), replicaSet -> {
                    throw new IllegalArgumentException("a timed-out rollout");
                });
                if (progress.state() != RolloutProgress.State.DONE) {
                    return false;
                }
            }
            return true;
        } catch (WatchedObjects.WatchUnavailableException | IllegalArgumentException e) {
            return false;
        }
    }

    private static HasMetadata find(LiveObjects objects, DesiredWorkload w) {
        return objects.workloads(w.key().kind(), w.key().namespace()).stream()
                .filter(o -> w.key().name().equals(o.getMetadata().getName())).findFirst().orElse(null);
    }
}
