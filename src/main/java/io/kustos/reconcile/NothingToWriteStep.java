package io.kustos.reconcile;

import java.util.Optional;

/**
 * Ends the run in sync when the plan writes nothing — unless the revision was never recorded
 * there (neither good nor failed, not paused): then the run goes on to confirm it, waiting for its
 * workloads, as a rollout cut short by a restart or a cluster adopted in sync needs.
 */
final class NothingToWriteStep implements Step {
    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (!run.plan.isEmpty()) {
            return Step.next();
        }
        if (ConfirmRule.needsConfirming(run.past.state(), run.current())) {
            run.purpose = EnvironmentRun.Purpose.CONFIRM;
            return Step.next();
        }
        return Step.stop(new TargetOutcome.InSync(run.environment(), run.diff));
    }
}
