package io.kustos.rollout;

import io.kustos.reconcile.StallingException;

/**
 * A rollout or a pre-deploy hook failed. The revision is marked failed and not retried until a
 * new commit (or {@code kustos apply --retry}); with rollbackOnFailure the last good revision is
 * applied again.
 */
public class RolloutFailedException extends StallingException {
    public RolloutFailedException(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "rollout";
    }
}
