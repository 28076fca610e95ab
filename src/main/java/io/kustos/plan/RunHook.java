package io.kustos.plan;

import io.kustos.diff.WorkloadChange;
import io.kustos.render.ObjectKey;
import io.kustos.render.PreDeployHook;

/**
 * A pre-deploy Job, run before {@code workload} changes to its new version. Its name is fixed by
 * the hook and the new version, so a revision applied again does not run it again.
 */
public record RunHook(PreDeployHook hook, WorkloadChange workload, String jobName) implements PlanStep {
    @Override
    public ObjectKey key() {
        return new ObjectKey("batch/v1", "Job", workload.key().namespace(), jobName);
    }
}
