package io.kustos.reconcile;

import io.kustos.plan.Planner;

import java.util.Optional;

/** Turns the diff into the plan of writes: configs, pre-deploy hooks, workloads, prunes. */
final class PlanStep implements Step {
    private final Planner planner = new Planner();

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        run.plan = planner.plan(run.diff);
        return Step.next();
    }
}
