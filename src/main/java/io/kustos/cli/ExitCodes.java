package io.kustos.cli;

import io.kustos.cluster.ApplyException;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;

/** The exit codes of every kustos command (README.md lists them). */
public final class ExitCodes {
    public static final int OK = 0;
    /** kustos diff: the cluster differs from git; kustos apply: it drifted from git and sync.selfHeal is off, so it was not restored. */
    public static final int DIFFERENCES = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** Invalid input: kustos.yaml, a repo file, a key, a missing workload. Nothing was applied. */
    public static final int INVALID = 3;
    /**
     * The API server refused a write (invalid, conflict, forbidden): in the dry run, nothing of the
     * revision was written; while writing, the environment was put back to its last good revision
     * (or, without one, the error says what stays). A write that still failed in a way that may pass
     * is {@link #UNAVAILABLE}; putting the environment back failing too is {@link #ROLLOUT_FAILED}.
     */
    public static final int REFUSED = 4;
    /** A git source or the API server could not be reached, or another writer held an environment's write lock; try again. */
    public static final int UNAVAILABLE = 5;
    /** A pre-deploy hook or a rollout failed (and was rolled back when configured), or the revision failed before. */
    public static final int ROLLOUT_FAILED = 6;

    private ExitCodes() {
    }

    /** Worst first, for a report whose environments failed differently: what a retry cannot fix before what it may. */
    private static final java.util.List<Integer> WORST_FIRST = java.util.List.of(ROLLOUT_FAILED, REFUSED, INVALID, UNAVAILABLE);

    /**
     * The exit code of a report whose environments failed each alone: the worst of their outcomes
     * (a failed rollout, then a refused write, then invalid input, then an unreachable server),
     * so a retry is only suggested when it is all that is needed. OK when none failed.
     */
    public static int of(io.kustos.reconcile.ReconcileReport report) {
        int worst = OK;
        for (var t : report.targets()) {
            int code = t instanceof io.kustos.reconcile.TargetOutcome.Held ? ROLLOUT_FAILED
                    : io.kustos.reconcile.ReconcileReport.error(t).map(ExitCodes::of).orElse(OK);
            if (code != OK && (worst == OK || WORST_FIRST.indexOf(code) < WORST_FIRST.indexOf(worst))) {
                worst = code;
            }
        }
        return worst;
    }

    /** By the failure's kind and reason: bad input 3, refused by the API server 4, a hook or rollout 6, anything that may pass 5. */
    public static int of(KustosException e) {
        FailureReason reason = e.reason();
        return switch (reason.kind()) {
            case STALLING -> reason.refusedByServer() ? REFUSED : reason.rollout() ? ROLLOUT_FAILED : INVALID;
            case WAITING, TRANSIENT -> UNAVAILABLE;
        };
    }
}
