package io.kustos.apply;

import io.kustos.plan.Plan;
import io.kustos.plan.PlanStep;
import io.kustos.reconcile.KustosException;
import io.kustos.reconcile.StallingException;

import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * Sends a plan's config and workload steps: {@link #dryRun} all of them first (server-side), then
 * {@link #write} each in order. An empty plan sends nothing.
 */
public final class Applier {
    private final ServerSideApplier ssa;
    private final Pruner pruner;

    public Applier(ServerSideApplier ssa, Pruner pruner) {
        this.ssa = ssa;
        this.pruner = pruner;
    }

    /** Writes one config, workload or prune step. */
    public void write(PlanStep step, io.kustos.render.SourceRevisions rev) {
        send(step, rev, false);
    }

    private void send(PlanStep step, io.kustos.render.SourceRevisions rev, boolean dryRun) {
        if (step instanceof io.kustos.plan.PruneConfig p) {
            pruner.delete(p.key(), p.live().resourceVersion(), dryRun);
        } else {
            ssa.apply(step, rev, dryRun);
        }
    }

    /** Every config and workload step's dry run; all refusals are reported together, and nothing is written. */
    public void dryRun(Plan plan) {
        var refusals = new ArrayList<KustosException>();
        for (PlanStep step : plan.steps()) {
            if (step instanceof io.kustos.plan.RunHook) {
                continue;
            }
            try {
                send(step, plan.revisions(), true);
            } catch (StallingException e) {
                refusals.add(e);
            }
        }
        if (refusals.size() == 1) {
            throw refusals.get(0);
        }
        if (!refusals.isEmpty()) {
            String reason = refusals.get(0).kind();
            throw new ApplyException(refusals.size() + " objects were refused in the server-side dry run; nothing was written:\n"
                    + refusals.stream().map(e -> "  " + e.getMessage()).collect(Collectors.joining("\n")), reason);
        }
    }
}
