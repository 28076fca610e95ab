package io.kustos.reconcile;

import java.util.Optional;

/**
 * The end of a rollback to an older revision: writes its plan without hooks (the old version's
 * hooks already ran) and waits for it; a failure is thrown to whoever asked for the rollback.
 * Under a lock it was given (an emergency rollback's), the lock is checked before each write
 * phase, as {@link WriteStep} does.
 */
final class RestoreWriteStep implements Step {
    private final Rollouts rollouts;

    RestoreWriteStep(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var result = rollouts.of(run).run(run.plan, run.desired, false, run::ensureLockHeld);
        return Step.stop(new TargetOutcome.Applied(run.environment(), run.diff, result.written(), result.notes()));
    }
}
