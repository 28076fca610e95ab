package io.kustos.reconcile;

import java.util.Optional;

/**
 * One step of an {@link EnvironmentPipeline}: reads what earlier steps put into the run, adds its
 * own, and either lets the next step go on (empty) or ends the run with an outcome (after Flux
 * source-controller's list of reconcile steps).
 */
@FunctionalInterface
interface Step {
    Optional<TargetOutcome> run(EnvironmentRun run);

    /** Goes on to the next step. */
    static Optional<TargetOutcome> next() {
        return Optional.empty();
    }

    /** Ends the run with {@code outcome}. */
    static Optional<TargetOutcome> stop(TargetOutcome outcome) {
        return Optional.of(outcome);
    }
}
