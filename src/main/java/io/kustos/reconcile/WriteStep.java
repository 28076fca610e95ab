package io.kustos.reconcile;

import io.kustos.failure.KustosException;
import io.kustos.rollout.RolloutFailedException;
import io.kustos.rollout.RolloutWaiter;
import io.kustos.text.Plural;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Writes the plan phase by phase and sees it through ({@link PlanRollout}): configs, hooks,
 * workloads, waiting for their rollouts, prunes. A run that only confirms waits for the
 * workloads. What fails is kept in the run for the rollback and record steps, which follow.
 */
final class WriteStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(WriteStep.class);
    private final Rollouts rollouts;

    WriteStep(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        try {
            if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
                var workloads = run.desired.workloads();
                if (!workloads.isEmpty()) {
                    new RolloutWaiter(run.access.client(), rollouts.poll(), rollouts.clock())
                            .await(workloads, rollouts.sync().rolloutTimeout());
                }
                return Step.next();
            }
            var result = rollouts.of(run).run(run.plan, run.desired, true, run::ensureLockHeld);
            run.written = result.written();
            run.notes = result.notes();
            LOG.info("applied {} to {}", Plural.of(result.written(), "object"), run.environment());
        } catch (io.kustos.cluster.LockLostException e) {
            throw e; // another writer may be writing: no rollback, no record
        } catch (RolloutFailedException e) {
            LOG.debug("{} failed: {}", run.environment(), e.getMessage()); // the report carries it
            run.rolloutFailure = e;
        } catch (KustosException e) {
            LOG.debug("apply to {} failed ({}): {}", run.environment(), e.kind(), e.getMessage()); // the report carries it
            run.writeFailure = e;
        }
        return Step.next();
    }
}
