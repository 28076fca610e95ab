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
        this(source, url, forcePush, "");
    }

    private ForcePushRefusedException(String source, String url, ForcePush forcePush, String oldNote) {
        super(SourceErrors.where(source, url) + "refused: " + forcePush.describe(oldNote)
                + "; nothing of it is applied and the cluster keeps the last good state. Push the old history back"
                + " (git push --force <remote> " + forcePush.oldSha() + ":refs/heads/" + forcePush.branch()
                + ", or push a commit that descends from " + forcePush.oldSha() + "), or, if the rewrite is meant, set sources."
                + source + ".allowForcePush: true", FailureReason.REWRITTEN_HISTORY);
        this.forcePush = forcePush;
    }

    /**
     * The head read does not descend from {@code environment}'s last good commit
     * ({@code forcePush.oldSha()}), as the cluster recorded it: refused there, whatever the local
     * clone saw before (a new cache dir holds no earlier head).
     *
     * @param lineage where the last good commit stands: rewritten or gone from the branch
     */
    public static ForcePushRefusedException sinceLastGood(String source, String url, ForcePush forcePush, String environment,
                                                          Lineage lineage) {
        return new ForcePushRefusedException(source, url, forcePush, " (the last good revision of environment " + environment
                + (lineage == Lineage.GONE ? ", no longer on the branch" : "") + ")");
    }

    public ForcePush forcePush() {
        return forcePush;
    }
}
