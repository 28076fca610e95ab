package io.kustos.reconcile;

import io.kustos.diff.Diff;
import io.kustos.plan.RunHook;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PlannedHook;
import io.kustos.rollout.HookRunner;

import java.util.List;

/** Turns the end of one environment's preview pipeline into its {@link EnvironmentPreview}. */
final class Previews {
    private Previews() {
    }

    static EnvironmentPreview of(EnvironmentRun run, TargetOutcome outcome) {
        String env = run.environment();
        Diff diff;
        if (outcome instanceof TargetOutcome.Differs d) {
            diff = d.diff();
        } else if (outcome instanceof TargetOutcome.Drifted d) {
            diff = d.diff();
        } else if (outcome instanceof TargetOutcome.Failed f) {
            return EnvironmentPreview.refused(env, f.error());
        } else {
            return EnvironmentPreview.unchanged(env);
        }
        List<PlannedHook> hooks = run.plan.hooks().stream().map(Previews::hook).toList();
        List<String> waits = run.promotion == null ? List.of() : run.promotion.waits().stream().map(PromotionGate.Wait::describe).toList();
        return EnvironmentPreview.changes(env, diff, hooks, run.plan.steps().size(), waits);
    }

    private static PlannedHook hook(RunHook h) {
        return new PlannedHook(h.hook().name(), h.workload().key(), h.jobName(),
                h.workload().desired().file() + ": " + h.hook().path(), HookRunner.alreadyRan(h));
    }
}
