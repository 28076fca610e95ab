package io.kustos.reconcile;

import io.kustos.config.Sync;
import io.kustos.diff.DiffPrinter;
import io.kustos.plan.Planner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The drift rule, one for the daemon's polls without a new commit and for {@code kustos apply}:
 * the cluster differs from the revision already applied, so someone changed it by hand. With
 * {@code sync.selfHeal}, the run goes on to restore it, taking back the fields others overwrote
 * (after a dry run), recorded as drift-corrected with a DriftCorrected Event; without, it ends
 * reporting the drift and writes nothing. What it restores keeps the revision and author
 * annotations Kustos last wrote on it ({@link Planner#restore}): no commit changed it.
 */
final class DriftHealing {
    private static final Logger LOG = LoggerFactory.getLogger(DriftHealing.class);

    private final Sync sync;
    private final Planner planner = new Planner();

    DriftHealing(Sync sync) {
        this.sync = sync;
    }

    Optional<TargetOutcome> start(EnvironmentRun run) {
        if (!sync.selfHeal() || run.lock != null) { // once: it is seen before the write lock and again under it
            LOG.info("{}: drift from git: {}", run.environment(), new DiffPrinter().summary(run.diff));
        }
        if (!sync.selfHeal()) {
            return Step.stop(new TargetOutcome.Drifted(run.environment(), run.diff, false));
        }
        run.purpose = EnvironmentRun.Purpose.HEAL;
        run.plan = planner.restore(run.diff);
        run.force = true;
        return Step.next();
    }
}
