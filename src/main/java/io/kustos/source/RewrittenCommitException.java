package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * A commit asked for (a rollback's target) is not in a fresh clone of the branch: it is no longer
 * on the branch, rewritten away by a force push (exit 3). The message names the commit and the
 * branch.
 */
public final class RewrittenCommitException extends StallingException {
    private final String sha;

    RewrittenCommitException(String branch, String sha) {
        super("commit " + sha + " is no longer on branch " + branch
                + ": it was rewritten away (by a force push), so its files cannot be restored from the branch",
                FailureReason.REWRITTEN_HISTORY);
        this.sha = sha;
    }

    public String sha() {
        return sha;
    }
}
