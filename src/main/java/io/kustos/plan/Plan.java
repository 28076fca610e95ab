package io.kustos.plan;

import io.kustos.render.SourceRevisions;

import java.util.List;

/** The ordered writes that bring one target to its desired state. Empty: nothing to write. */
public record Plan(String environment, SourceRevisions revisions, List<PlanStep> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
