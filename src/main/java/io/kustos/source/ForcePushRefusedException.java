package io.kustos.source;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * A source's branch was force-pushed and {@code sources.<name>.allowForcePush} is off: the new
 * head is not applied, and the cluster keeps the last good state. Not retried until the head moves
 * (a person pushes the old history back, or allows the rewrite). The message names the source,
 * the branch, both heads and both ways out (exit 3).
 */
public final class ForcePushRefusedException extends StallingException {
    private final ForcePush forcePush;

    ForcePushRefusedException(String source, String url, ForcePush forcePush) {
        super(SourceErrors.where(source, url) + "refused: " + forcePush.describe()
                + "; nothing of it is applied and the cluster keeps the last good state. Push the old history back"
                + " (git push --force <remote> " + forcePush.oldSha() + ":refs/heads/" + forcePush.branch()
                + ", or push a commit that descends from " + forcePush.oldSha() + "), or, if the rewrite is meant, set sources."
                + source + ".allowForcePush: true", FailureReason.REWRITTEN_HISTORY);
        this.forcePush = forcePush;
    }

    public ForcePush forcePush() {
        return forcePush;
    }
}
