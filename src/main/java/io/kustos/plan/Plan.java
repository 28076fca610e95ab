package io.kustos.plan;

import io.kustos.render.SourceRevisions;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes that bring one target to its desired state, in its phases, each written once the one
 * before it succeeded: {@code configs} first (so nothing new starts against old config), then the
 * pre-deploy {@code hooks} of workloads that get a new version, then the {@code workloads}, and
 * last the {@code prunes} (once nothing running needs the old objects). Empty: nothing to write.
 */
public record Plan(String environment, SourceRevisions revisions, List<ApplyConfig> configs, List<RunHook> hooks,
                   List<UpdateWorkload> workloads, List<PruneConfig> prunes) {
    public Plan {
        configs = List.copyOf(configs);
        hooks = List.copyOf(hooks);
        workloads = List.copyOf(workloads);
        prunes = List.copyOf(prunes);
    }

    public boolean isEmpty() {
        return configs.isEmpty() && hooks.isEmpty() && workloads.isEmpty() && prunes.isEmpty();
    }

    /** Every step, phase after phase. */
    public List<PlanStep> steps() {
        var all = new ArrayList<PlanStep>(configs);
        all.addAll(hooks);
        all.addAll(workloads);
        all.addAll(prunes);
        return List.copyOf(all);
    }
}
