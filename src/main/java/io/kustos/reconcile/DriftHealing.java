package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import io.kustos.config.Sync;
import io.kustos.diff.Diff;
import io.kustos.diff.DiffPrinter;
import io.kustos.history.History;
import io.kustos.outcome.Outcome;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The drift step, one for the daemon's polls without a new commit and for {@code kustos apply}:
 * the cluster differs from the revision already applied, so someone changed it by hand. With
 * {@code sync.selfHeal}, restores it, taking back the fields others overwrote (after a dry run),
 * recorded as drift-corrected with a DriftCorrected Event; without, only reports it and writes
 * nothing. What it restores keeps the revision and author annotations Kustos last wrote on it
 * ({@link Planner#restore}): no commit changed it.
 */
final class DriftHealing {
    private static final Logger LOG = LoggerFactory.getLogger(DriftHealing.class);

    private final Sync sync;
    private final Planner planner = new Planner();

    DriftHealing(Sync sync) {
        this.sync = sync;
    }

    TargetOutcome restore(String environment, TargetExecution target, DesiredState desired, Diff diff, History past) {
        LOG.info("{}: drift from git: {}", environment, new DiffPrinter().summary(diff));
        if (!sync.selfHeal()) {
            return new TargetOutcome.Drifted(environment, diff, false);
        }
        MDC.put("environment", environment);
        try {
            Plan plan = planner.restore(diff);
            target.rollout(true).dryRun(plan, desired);
            return target.apply(desired, diff, plan, past, Outcome.DRIFT_CORRECTED, true);
        } catch (KustosException e) {
            return new TargetOutcome.Failed(environment, e);
        } finally {
            MDC.remove("environment");
        }
    }
}
