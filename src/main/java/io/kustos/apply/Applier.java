package io.kustos.apply;

import io.kustos.failure.FailureReason;
import io.kustos.plan.Plan;
import io.kustos.plan.PlanStep;
import io.kustos.plan.PruneConfig;
import io.kustos.plan.RunHook;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.render.SourceRevisions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends a plan's config, workload and prune steps: {@link #dryRun} all of them first (server-side),
 * then {@link #write} them phase by phase. Within a dry run or a phase the requests are
 * independent, so up to {@code concurrency} of them are in flight at once. An empty plan sends
 * nothing.
 */
public final class Applier {
    private final ServerSideApplier ssa;
    private final Pruner pruner;
    private final RequestPool pool;

    public Applier(ServerSideApplier ssa, Pruner pruner, int concurrency) {
        this.ssa = ssa;
        this.pruner = pruner;
        this.pool = new RequestPool(concurrency);
    }

    /**
     * Writes the steps of one phase (configs, workloads or prunes). The first write that fails
     * stops the phase: no further write starts, those in flight finish, and the failure of the
     * earliest failed step in plan order is thrown.
     */
    public void write(List<? extends PlanStep> phase, SourceRevisions rev) {
        pool.untilFailure(phase, step -> send(step, rev, false));
    }

    private void send(PlanStep step, SourceRevisions rev, boolean dryRun) {
        if (step instanceof PruneConfig p) {
            pruner.delete(p.key(), p.live().resourceVersion(), dryRun);
        } else {
            ssa.apply(step, rev, dryRun);
        }
    }

    /**
     * Every config, workload and prune step's dry run; all refusals are reported together, and
     * nothing is written. Read in plan order, as if sent one by one: an error that is not a refusal
     * (the server unreachable) is thrown as it is, ahead of the refusals after it.
     */
    public void dryRun(Plan plan) {
        List<PlanStep> steps = plan.steps().stream().filter(s -> !(s instanceof RunHook)).toList();
        var refusals = new ArrayList<KustosException>();
        for (RuntimeException e : pool.all(steps, step -> send(step, plan.revisions(), true))) {
            if (e instanceof StallingException refused) {
                refusals.add(refused);
            } else if (e != null) {
                throw e;
            }
        }
        if (refusals.size() == 1) {
            throw refusals.get(0);
        }
        if (!refusals.isEmpty()) {
            FailureReason first = refusals.get(0).reason();
            FailureReason reason = first.refusedByServer() ? first : FailureReason.REFUSED_INVALID;
            throw new ApplyException(refusals.size() + " objects were refused in the server-side dry run; nothing was written:\n"
                    + refusals.stream().map(e -> "  " + e.getMessage()).collect(Collectors.joining("\n")), reason);
        }
    }
}
