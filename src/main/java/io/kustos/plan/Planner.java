package io.kustos.plan;

import io.kustos.diff.Diff;
import io.kustos.diff.WorkloadChange;
import io.kustos.render.CanonicalHasher;
import io.kustos.render.PreDeployHook;

import java.util.ArrayList;

/**
 * Orders a diff into the phases of a {@link Plan}: configs, the pre-deploy hooks of workloads that
 * get a new version, workloads, prunes. Pure.
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
        var hooks = new ArrayList<RunHook>();
        for (WorkloadChange w : diff.workloads()) {
            if (!w.newVersion()) {
                continue;
            }
            for (PreDeployHook h : diff.desired().hooks()) {
                if (h.workload().equals(w.key().name())) {
                    hooks.add(new RunHook(h, w, jobName(h, w)));
                }
            }
        }
        return new Plan(diff.desired().environment(), diff.desired().revisions(),
                diff.configs().stream().map(c -> new ApplyConfig(c, restoresDrift)).toList(),
                hooks,
                diff.workloads().stream().map(w -> new UpdateWorkload(w, restoresDrift)).toList(),
                diff.prunes().stream().map(PruneConfig::new).toList());
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
