package io.kustos.plan;

import io.kustos.diff.Diff;
import io.kustos.diff.WorkloadChange;
import io.kustos.render.CanonicalHasher;
import io.kustos.render.PreDeployHook;

import java.util.ArrayList;

/**
 * Orders a diff into writes: configs first (so nothing new starts against old config), then the
 * pre-deploy hooks of workloads that get a new version, then the workloads, and last the prunes
 * (once nothing running needs the old objects). Pure.
 */
public final class Planner {
    public Plan plan(Diff diff) {
        return plan(diff, false);
    }

    /** The plan that puts back a hand edit: objects keep the credit Kustos last wrote on them ({@link io.kustos.render.Credit}). */
    public Plan restore(Diff diff) {
        return plan(diff, true);
    }

    private Plan plan(Diff diff, boolean restoresDrift) {
        var steps = new ArrayList<PlanStep>();
        diff.configs().forEach(c -> steps.add(new ApplyConfig(c, restoresDrift)));
        for (WorkloadChange w : diff.workloads()) {
            if (!w.newVersion()) {
                continue;
            }
            for (PreDeployHook h : diff.desired().hooks()) {
                if (h.workload().equals(w.key().name())) {
                    steps.add(new RunHook(h, w, jobName(h, w)));
                }
            }
        }
        diff.workloads().forEach(w -> steps.add(new UpdateWorkload(w, restoresDrift)));
        diff.prunes().forEach(l -> steps.add(new PruneConfig(l)));
        return new Plan(diff.desired().environment(), diff.desired().revisions(), steps);
    }

    /** {@code <workload>-<hook>-<10 hex>}: one name per hook, command and set of images. */
    static String jobName(PreDeployHook h, WorkloadChange w) {
        var hash = new CanonicalHasher().strings(w.desired().images()).number(h.command().size());
        h.command().forEach(hash::string);
        String suffix = hash.finish().substring("sha256:".length(), "sha256:".length() + 10);
        String base = w.key().name() + "-" + h.name();
        if (base.length() > 52) {
            base = base.substring(0, 52).replaceAll("-+$", "");
        }
        return base + "-" + suffix;
    }
}
