package io.kustos.rollout;

import io.kustos.failure.StallingException;

/**
 * A rollout or a pre-deploy hook failed. The revision is marked failed and not retried until a
 * new commit (or {@code kustos apply --retry}); with rollbackOnFailure the last good revision is
 * applied again.
 */
public class RolloutFailedException extends StallingException {
    private final String kind;

    public RolloutFailedException(String message) {
        this(message, "rollout");
    }

    /** @param kind {@code rollout} (a hook or rollout failed) or {@code held} (it failed before: waiting for a new commit) */
    public RolloutFailedException(String message, String kind) {
        super(message);
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }
}
