package io.kustos.failure;

import java.time.Duration;

/** Something is not ready yet (a rollout, a lock, a rate limit): retry after {@link #retryAfter()}. */
public non-sealed class WaitingException extends KustosException {
    private final Duration retryAfter;

    public WaitingException(String message, FailureReason reason, Duration retryAfter) {
        super(message, reason, FailureKind.WAITING, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
