package io.kustos.apply;

import io.kustos.plan.Plan;
import io.kustos.plan.PlanStep;
import io.kustos.reconcile.KustosException;
import io.kustos.reconcile.StallingException;

import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * Runs a plan: a server-side dry run of every step first, and only when all of them pass, the
 * real writes in order. An empty plan sends nothing.
 */
public final class Applier {
    private final ServerSideApplier ssa;

    public Applier(ServerSideApplier ssa) {
        this.ssa = ssa;
    }

    /** @return how many objects were written */
    public int apply(Plan plan) {
        if (plan.isEmpty()) {
            return 0;
        }
        dryRun(plan);
        int written = 0;
        for (PlanStep step : plan.steps()) {
            ssa.apply(step, plan.revisions(), false);
            written++;
        }
        return written;
    }

    /** Every step's dry run; all refusals are reported together, and nothing is written. */
    public void dryRun(Plan plan) {
        var refusals = new ArrayList<KustosException>();
        for (PlanStep step : plan.steps()) {
            try {
                ssa.apply(step, plan.revisions(), true);
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
