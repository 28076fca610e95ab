package io.kustos.plan;

import io.kustos.diff.WorkloadChange;
import io.kustos.render.ObjectKey;

/** Server-side apply of a workload's container images. */
public record UpdateWorkload(WorkloadChange change) implements PlanStep {
    @Override
    public ObjectKey key() {
        return change.key();
    }
}
