package io.kustos.apply;

import io.kustos.cluster.ApplyException;
import io.kustos.plan.ApplyConfig;
import io.kustos.failure.FailureReason;
import io.kustos.plan.Plan;
import io.kustos.plan.PruneConfig;
import io.kustos.plan.UpdateWorkload;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.render.SourceRevisions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Sends a plan's config, workload and prune steps: {@link #dryRun} all of them first (server-side),
 * then write them phase by phase ({@link #writeConfigs}, {@link #writeWorkloads}, {@link #prune}). Within a dry run or a phase the requests are
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
     * Writes one phase of a plan. The first write that fails stops the phase: no further write
     * starts, those in flight finish, and the failure of the earliest failed step in plan order is
     * thrown.
     */
    public void writeConfigs(List<ApplyConfig> phase, SourceRevisions rev) {
        pool.untilFailure(phase, c -> ssa.apply(c, rev, false));
    }

    /** As {@link #writeConfigs}. */
    public void writeWorkloads(List<UpdateWorkload> phase, SourceRevisions rev) {
        pool.untilFailure(phase, w -> ssa.apply(w, rev, false));
    }

    /** As {@link #writeConfigs}. */
    public void prune(List<PruneConfig> phase) {
        pool.untilFailure(phase, p -> delete(p, false));
    }

    private void delete(PruneConfig p, boolean dryRun) {
        pruner.delete(p.key(), p.live().resourceVersion(), dryRun);
    }

    /**
     * Every config, workload and prune step's dry run; all refusals are reported together, and
     * nothing is written. Read in plan order, as if sent one by one: an error that is not a refusal
     * (the server unreachable) is thrown as it is, ahead of the refusals after it.
     */
    public void dryRun(Plan plan) {
        var requests = new ArrayList<Runnable>();
        plan.configs().forEach(c -> requests.add(() -> ssa.apply(c, plan.revisions(), true)));
        plan.workloads().forEach(w -> requests.add(() -> ssa.apply(w, plan.revisions(), true)));
        plan.prunes().forEach(p -> requests.add(() -> delete(p, true)));
        var refusals = new ArrayList<KustosException>();
        for (RuntimeException e : pool.all(requests, Runnable::run)) {
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
