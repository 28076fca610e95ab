package io.kustos.cli;

import io.kustos.cluster.ApplyException;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;

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

    public static int of(KustosException e) {
        if (e instanceof ApplyException) {
            return REFUSED;
        }
        if (e instanceof io.kustos.rollout.RolloutFailedException) {
            return ROLLOUT_FAILED;
        }
        if (e instanceof StallingException) {
            return INVALID;
        }
        return UNAVAILABLE;
    }
}
