package io.kustos.reconcile;

import io.kustos.diff.Differ;

import java.util.Optional;

/** Compares the desired state with the live one: the run's diff (secret values only as fingerprints). */
final class CompareStep implements Step {
    private final Differ differ;

    CompareStep(Differ differ) {
        this.differ = differ;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        run.diff = differ.diff(run.desired, run.live);
        return Step.next();
    }
}
