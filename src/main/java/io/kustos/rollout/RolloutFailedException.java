package io.kustos.rollout;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * A rollout or a pre-deploy hook failed. The revision is marked failed and not retried until a
 * new commit (or {@code kustos apply --retry}); with rollbackOnFailure the last good revision is
 * applied again.
 */
public class RolloutFailedException extends StallingException {
    /**
     * @param reason {@link FailureReason#ROLLOUT_FAILED} or {@link FailureReason#HOOK_FAILED}
     */
    public RolloutFailedException(String message, FailureReason reason) {
        super(message, requireRollout(reason));
    }

    private static FailureReason requireRollout(FailureReason reason) {
        if (!reason.rollout()) {
            throw new IllegalArgumentException("not a rollout failure: " + reason);
        }
        return reason;
    }
}
