package io.kustos.reconcile;

import io.kustos.config.Sync;
import io.kustos.diff.Diff;
import io.kustos.failure.KustosException;
import io.kustos.rollout.RolloutFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * After a failed hook or rollout, re-applies the environment's last good revision (without hooks)
 * and waits for it, when {@code sync.rollbackOnFailure} is on and there is one to go back to.
 */
final class AutomaticRollbackStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticRollbackStep.class);
    private final Sync sync;
    private final RevisionRestorer restorer;

    AutomaticRollbackStep(Sync sync, RevisionRestorer restorer) {
        this.sync = sync;
        this.restorer = restorer;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        RolloutFailedException cause = run.rolloutFailure;
        if (cause == null) {
            return Step.next();
        }
        var good = run.past.state().lastGood();
        if (!sync.rollbackOnFailure() || good == null || good.equals(run.current())) {
            run.rollback = new TargetOutcome.Failed(run.environment(), cause);
            return Step.next();
        }
        try {
            Diff diff = restorer.restore(run.access, good);
            LOG.info("{}: rolled back to {}", run.environment(), good);
            run.rollback = new TargetOutcome.RolledBack(run.environment(), cause, good, diff);
        } catch (KustosException e) {
            run.rollback = new TargetOutcome.Failed(run.environment(), new RolloutFailedException(cause.getMessage()
                    + "\nand rolling back to " + good + " failed too: " + e.getMessage(), io.kustos.failure.FailureReason.ROLLOUT_FAILED));
        }
        return Step.next();
    }
}
