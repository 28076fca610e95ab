package io.kustos.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Sends every write of the plan as a server-side dry run first: one the server refuses ends the run before any write. */
final class DryRunStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunStep.class);
    private final Rollouts rollouts;

    DryRunStep(Rollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
            return Step.next();
        }
        long t0 = System.nanoTime();
        rollouts.of(run).dryRun(run.plan, run.desired);
        LOG.debug("{}: dry run of {} step(s) in {} ms", run.environment(), run.plan.steps().size(), (System.nanoTime() - t0) / 1_000_000);
        return Step.next();
    }
}
