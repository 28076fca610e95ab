package io.kustos.reconcile;

import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;

import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.diff.Diff;
import io.kustos.diff.DiffPrinter;
import io.kustos.diff.Differ;
import io.kustos.history.EventRecorder;
import io.kustos.history.History;
import io.kustos.history.HistoryStore;
import io.kustos.history.RecordBuilder;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredState;
import io.kustos.render.Renderer;
import io.kustos.rollout.RolloutFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Carries one target through one revision's writes: rollout (configs, hooks, workloads, waiting,
 * prunes), automatic rollback on failure, the history record, the state, and one Event on its
 * kustos-history ConfigMap for the outcome.
 */
final class TargetExecution {
    private static final Logger LOG = LoggerFactory.getLogger(TargetExecution.class);

    private final KustosConfig config;
    private final Target target;
    private final ClusterAccess cluster;
    private final Renderer renderer;
    private final SnapshotLookup history;
    private final Duration poll;

    /** The target's client, history store and events. */
    record ClusterAccess(io.fabric8.kubernetes.client.KubernetesClient client, HistoryStore store, EventRecorder events) {
    }

    TargetExecution(KustosConfig config, Target target, ClusterAccess cluster, Renderer renderer, SnapshotLookup history, Duration poll) {
        this.config = config;
        this.target = target;
        this.cluster = cluster;
        this.renderer = renderer;
        this.history = history;
        this.poll = poll;
    }

    TargetRollout rollout(boolean force) {
        return new TargetRollout(cluster.client(), force, config.sync().concurrency(), config.sync().rolloutTimeout(), poll);
    }

    /** Applies a revision that passed its dry run; records it; rolls back on a failed hook or rollout. */
    TargetOutcome apply(DesiredState desired, Diff diff, Plan plan, History past, String outcomeWord, boolean force) {
        String current = desired.revisions().annotation();
        Instant start = Instant.now();
        try {
            var result = rollout(force).run(plan, desired, true);
            LOG.info("applied {} to {}", io.kustos.text.Plural.of(result.written(), "object"), target.environment());
            cluster.store().save(past, past.state().withGood(current),
                    RecordBuilder.of(past.nextNumber(), target.environment(), desired.revisions(), diff, outcomeWord, null, start, Instant.now()));
            event(outcomeWord.equals("drift-corrected") ? "DriftCorrected" : "Applied", current, diff, false);
            return outcomeWord.equals("drift-corrected") ? new TargetOutcome.Drifted(target.environment(), diff, true)
                    : new TargetOutcome.Applied(target.environment(), diff, result.written(), result.notes());
        } catch (RolloutFailedException e) {
            return failed(desired, diff, past, e, start);
        } catch (KustosException e) {
            LOG.debug("apply to {} failed ({}): {}", target.environment(), e.kind(), e.getMessage()); // the report carries it
            cluster.store().save(past, past.state(),
                    RecordBuilder.of(past.nextNumber(), target.environment(), desired.revisions(), diff, "failed", e.getMessage(), start, Instant.now()));
            return new TargetOutcome.Failed(target.environment(), e);
        }
    }

    /**
     * The cluster already holds {@code desired} (nothing to write), but it was never recorded as
     * good: a rollout whose wait was cut short (a restart, a lost lease), or a cluster Kustos
     * adopts in sync. Waits for its workloads, then records it as the last good revision, or
     * rolls back like a failed rollout.
     */
    TargetOutcome confirm(DesiredState desired, Diff diff, History past) {
        Instant start = Instant.now();
        try {
            var workloads = desired.workloads();
            if (!workloads.isEmpty()) {
                new io.kustos.rollout.RolloutWaiter(cluster.client(), poll, java.time.Clock.systemUTC())
                        .await(workloads, config.sync().rolloutTimeout());
            }
            cluster.store().save(past, past.state().withGood(desired.revisions().annotation()), null);
            return new TargetOutcome.InSync(target.environment(), diff);
        } catch (RolloutFailedException e) {
            return failed(desired, diff, past, e, start);
        }
    }

    private TargetOutcome failed(DesiredState desired, Diff diff, History past, RolloutFailedException e, Instant start) {
        String current = desired.revisions().annotation();
        LOG.debug("{} failed: {}", target.environment(), e.getMessage()); // the report carries it
        TargetOutcome outcome = rollBack(past, current, e);
        String word = outcome instanceof TargetOutcome.RolledBack ? "rolled-back" : "failed";
        cluster.store().save(past, past.state().withFailed(current),
                RecordBuilder.of(past.nextNumber(), target.environment(), desired.revisions(), diff, word, e.getMessage(), start, Instant.now()));
        if (outcome instanceof TargetOutcome.RolledBack rb) {
            event("RolledBack", current + ": " + e.getMessage() + "; rolled back to " + rb.restored(), rb.rollback(), true);
        } else {
            event("RolloutFailed", current + ": " + ((TargetOutcome.Failed) outcome).error().getMessage(), diff, true);
        }
        return outcome;
    }

    /** Re-applies the last good revision, without hooks, and waits for it. */
    private TargetOutcome rollBack(History past, String failed, KustosException cause) {
        String good = past.state().lastGood();
        if (!config.sync().rollbackOnFailure() || good == null || good.equals(failed)) {
            return new TargetOutcome.Failed(target.environment(), cause);
        }
        try {
            Diff diff = applyOld(good, false);
            LOG.info("{}: rolled back to {}", target.environment(), good);
            return new TargetOutcome.RolledBack(target.environment(), cause, good, diff);
        } catch (KustosException e) {
            return new TargetOutcome.Failed(target.environment(), new RolloutFailedException(cause.getMessage()
                    + "\nand rolling back to " + good + " failed too: " + e.getMessage(), FailureReason.ROLLOUT_FAILED));
        }
    }

    /** Renders {@code revisions} from the local clones and brings the target to it (no hooks). */
    Diff applyOld(String revisions, boolean force) {
        var revs = SnapshotLookup.parse(revisions);
        DesiredState d = renderer.render(history.config(revs[0]), history.releases(revs[1]), target);
        Diff diff = new Differ(config.sync().prune(), config.sync().allowPruneAll())
                .diff(d, new io.kustos.apply.LiveStateReader(cluster.client()).read(d).state());
        Plan plan = new Planner().plan(diff);
        TargetRollout rollout = rollout(force || config.sync().force());
        rollout.dryRun(plan, d);
        rollout.run(plan, d, false);
        return diff;
    }

    /** The one Event of this revision's outcome, on the target's kustos-history ConfigMap. */
    void event(String reason, String head, Diff diff, boolean warning) {
        cluster.events().record(target.namespace(), reason, head, new DiffPrinter().changes(diff), warning);
    }
}
