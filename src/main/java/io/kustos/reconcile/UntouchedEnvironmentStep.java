package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.live.LiveObjects;
import io.kustos.live.WatchedObjects;
import io.kustos.render.DesiredWorkload;
import io.kustos.rollout.RolloutProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * In the daemon, a new revision that leaves this environment's inputs as they were
 * ({@link UnchangedInputsRule}: the digest of the revision last recorded as good here) ends in sync
 * without listing the cluster, taking the write lock or waiting for rollouts, and is recorded as the
 * last good revision by one conditional write of the history's state: no record, no Event — what a
 * confirm of it records ({@link RecordStep}). Only while the watch premise holds, the rule
 * {@link WatchedCompareStep} heals by: every watch up, and the caches match the revision with every
 * workload rolled out. The history is read fresh (one GET) and must still stand at that revision (not
 * failed since, not paused); a force push since it, or a write by anyone in between (409), and
 * anything this step does not know sends the run on the full path, as before.
 */
final class UntouchedEnvironmentStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(UntouchedEnvironmentStep.class);
    private final HealMemory memory;
    private final Differ differ;
    private final SnapshotLookup clones;
    private final java.util.function.Supplier<WriteLockPolicy> locks;

    /**
     * @param clones the local clones, to judge a force push since the last good revision (null: none)
     * @param locks  whose ownership of the environment (a sharded replica's share) is checked before the write, as the lock's
     */
    UntouchedEnvironmentStep(HealMemory memory, Differ differ, SnapshotLookup clones, java.util.function.Supplier<WriteLockPolicy> locks) {
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
        var good = memory.good(run.environment());
        if (!UnchangedInputsRule.sameInputs(good, target, run.desired, run.retry)) {
            return Step.next();
        }
        var watched = memory.watched(target);
        long changes = watched.changes();
        // reading the caches starts the watches this environment reads (as a heal poll does); until all are up and synced,
        // and whenever one is down (it may have missed a change), the full path lists
        Diff cached = WatchedCompareStep.cachedDiff(differ, watched, run.desired);
        if (cached == null || !cached.isEmpty() || !rolledOut(watched, run.desired.workloads()) || !watched.watching()) {
            return Step.next();
        }
        var store = run.access.store();
        var past = store.get();
        if (!UnchangedInputsRule.standsAt(past.state(), good) || forcePushed(past.state().lastGood(), run.current())) {
            return Step.next();
        }
        locks.get().ownership().ensureOwned(run.environment(), "recording the revision in the history");
        if (!store.saveIfUnchanged(past, past.state().withGood(run.current()))) {
            return Step.next(); // someone wrote the history meanwhile
        }
        memory.good(UnchangedInputsRule.Rendered.of(target, run.desired));
        memory.matched(run.environment(), run.current() + "@" + changes);
        LOG.info("{}: {} leaves its inputs as at {}; recorded as its last good revision, nothing listed, written or waited for",
                run.environment(), run.current().shortForm(), good.revisions().shortForm());
        return Step.stop(new TargetOutcome.InSync(run.environment(), cached));
    }

    /** Whether any source was force pushed since {@code lastGood} (followed or not: the full path judges and records it). */
    private boolean forcePushed(io.kustos.source.RevisionPair lastGood, io.kustos.source.RevisionPair current) {
        ForcePushRule.Lineages lineages = clones == null ? (source, from, to) -> io.kustos.source.Lineage.ANCESTOR : clones::lineage;
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
        String ns = w.key().namespace();
        List<? extends HasMetadata> items = switch (w.key().kind()) {
            case "Deployment" -> objects.deployments(ns);
            case "StatefulSet" -> objects.statefulSets(ns);
            case "DaemonSet" -> objects.daemonSets(ns);
            default -> throw new IllegalArgumentException(w.key().kind());
        };
        return items.stream().filter(o -> w.key().name().equals(o.getMetadata().getName())).findFirst().orElse(null);
    }
}
