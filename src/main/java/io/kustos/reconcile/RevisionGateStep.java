package io.kustos.reconcile;

import java.util.Optional;

/**
 * Decides from the environment's history what a run with something to write may do
 * ({@link RevisionGate}): apply a new revision, heal drift at the revision already applied
 * ({@link DriftHealing}), or stop — paused by an emergency rollback, or held because the revision
 * failed before.
 */
final class RevisionGateStep implements Step {
    private final DriftHealing drift;

    RevisionGateStep(DriftHealing drift) {
        this.drift = drift;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
            return Step.next();
        }
        var state = run.past.state();
        return switch (RevisionGate.decide(state, run.current(), run.retry)) {
            case PAUSED -> Step.stop(new TargetOutcome.Paused(run.environment(), state.pausedAt(), state.lastGood()));
            case HELD -> Step.stop(new TargetOutcome.Held(run.environment(), run.current()));
            case DRIFT -> drift.start(run);
            case APPLY -> Step.next();
        };
    }
}
