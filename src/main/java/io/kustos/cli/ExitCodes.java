package io.kustos.cli;

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
    /** The API server refused a write (invalid, conflict, forbidden). Nothing of the revision was written. */
    public static final int REFUSED = 4;
    /** A git source or the API server could not be reached; try again. */
    public static final int UNAVAILABLE = 5;
    /** A pre-deploy hook or a rollout failed (and was rolled back when configured), or the revision failed before. */
    public static final int ROLLOUT_FAILED = 6;

    private ExitCodes() {
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
