package io.kustos.runtime;

import io.kustos.reconcile.KustosException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What readiness is judged on: the last reconcile of every environment, whether one is in
 * progress, whether the last poll reached both sources, and whether this replica leads. Written
 * by the reconcile worker, read by {@code /readyz}; thread-safe.
 */
public final class DaemonStatus {
    /** @param ready whether to answer 200; @param reasons one line each, no secret values */
    public record Verdict(boolean ready, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    private final List<String> environments;
    private final BooleanSupplier inProgress;
    private final BooleanSupplier leader;
    private final Map<String, String> lastFailure = new LinkedHashMap<>();
    private boolean polled;
    private String sourceError;

    /** @param inProgress whether a reconcile runs now; @param leader whether this replica may reconcile */
    public DaemonStatus(List<String> environments, BooleanSupplier inProgress, BooleanSupplier leader) {
        this.environments = List.copyOf(environments);
        this.inProgress = inProgress;
        this.leader = leader;
    }

    public synchronized void polled(KustosException error) {
        polled = true;
        sourceError = error == null ? null : error.kind() + ": " + error.getMessage();
    }

    public synchronized void reported(ReconcileReport report) {
        for (TargetOutcome t : report.targets()) {
            String failure = "";
            if (t instanceof TargetOutcome.Failed f) {
                failure = "failed (" + f.error().kind() + "): " + f.error().getMessage();
            } else if (t instanceof TargetOutcome.RolledBack r) {
                failure = "rolled back to " + r.restored() + " after: " + r.error().getMessage();
            }
            lastFailure.put(t.environment(), failure);
        }
    }

    public synchronized Verdict readiness() {
        if (!leader.getAsBoolean()) {
            return new Verdict(true, List.of("standby: another replica holds the lease"));
        }
        boolean busy = inProgress.getAsBoolean();
        List<String> problems = new ArrayList<>();
        if (sourceError != null) {
            problems.add("sources: " + sourceError);
        } else if (!polled && !busy) {
            problems.add("sources: not polled yet");
        }
        for (String env : environments) {
            String failure = lastFailure.get(env);
            if (failure == null && !busy) {
                problems.add(env + ": not reconciled yet");
            } else if (failure != null && !failure.isEmpty() && !busy) {
                problems.add(env + ": " + failure);
            }
        }
        if (problems.isEmpty()) {
            return new Verdict(true, List.of(busy ? "reconcile in progress" : "every environment reconciled"));
        }
        return new Verdict(false, problems);
    }
}
