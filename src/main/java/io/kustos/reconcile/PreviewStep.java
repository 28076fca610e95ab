package io.kustos.reconcile;

import java.util.Optional;

/**
 * The end of {@code kustos diff}: what differs, labelled drift when the environment already
 * stands at this revision (its history, as listed), else the changes a new revision brings.
 */
final class PreviewStep implements Step {
    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.diff.isEmpty()) {
            return Step.stop(new TargetOutcome.InSync(run.environment(), run.diff));
        }
        var state = run.access.store().read(run.found.history(), run.found.historyParts()).state();
        return Step.stop(RevisionGate.decide(state, run.current(), false) == RevisionGate.Verdict.DRIFT
                ? new TargetOutcome.Drifted(run.environment(), run.diff, false)
                : new TargetOutcome.Differs(run.environment(), run.diff));
    }
}
