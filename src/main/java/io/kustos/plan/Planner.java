package io.kustos.plan;

import io.kustos.diff.Diff;

import java.util.ArrayList;

/** Orders a diff into writes: configs first (so workloads never start against old config), then workloads. Pure. */
public final class Planner {
    public Plan plan(Diff diff) {
        var steps = new ArrayList<PlanStep>();
        diff.configs().forEach(c -> steps.add(new ApplyConfig(c)));
        diff.workloads().forEach(w -> steps.add(new UpdateWorkload(w)));
        return new Plan(diff.desired().environment(), diff.desired().revisions(), steps);
    }
}
