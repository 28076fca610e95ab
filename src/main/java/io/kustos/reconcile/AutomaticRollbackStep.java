package io.kustos.reconcile;

import io.kustos.config.Sync;
import io.kustos.failure.KustosException;
import io.kustos.rollout.AutomaticRollback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * After a failed hook or rollout, or a write that still failed after its retries (the revision
 * may be half written), goes back to the environment's last good revision
 * ({@link AutomaticRollback}) under the run's write lock, checked before each of its write phases
 * as the run's own; the record step that follows records what happened.
 */
final class AutomaticRollbackStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticRollbackStep.class);
    private final AutomaticRollback rollback;
    private final RevisionRestorer restorer;

    AutomaticRollbackStep(Sync sync, RevisionRestorer restorer) {
        this.rollback = new AutomaticRollback(sync.rollbackOnFailure());
        this.restorer = restorer;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        KustosException failure = run.rolloutFailure != null ? run.rolloutFailure : run.writeFailure;
        if (failure == null) {
            return Step.next();
        }
        run.ensureLockHeld("the automatic rollback");
        var result = rollback.after(failure, run.current(), run.past.state().lastGood(),
                good -> restorer.restore(run.access, good, run.lock)); // checked before each write phase
        if (result instanceof AutomaticRollback.RolledBack rb) {
            LOG.info("{}: rolled back to {}", run.environment(), rb.restored());
            run.rollback = new TargetOutcome.RolledBack(run.environment(), rb.cause(), rb.restored(), rb.diff());
        } else if (result instanceof AutomaticRollback.FailedToo f) {
            run.rollback = new TargetOutcome.Failed(run.environment(), f.error());
        } else if (result instanceof AutomaticRollback.NotAttempted n) {
            run.rollback = new TargetOutcome.Failed(run.environment(),
                    run.rolloutFailure != null ? failure : WriteFailures.leftAsWritten(failure, n.why()));
        }
        return Step.next();
    }
}
