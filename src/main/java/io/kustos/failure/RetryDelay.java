package io.kustos.failure;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the daemon waits before its next timed poll, from the last failure (after Flux's
 * runtime result, which takes the requeue from the error): none or a {@link FailureKind#STALLING}
 * one waits the interval (nothing to retry until a new commit, which the poll finds); a
 * {@link FailureKind#WAITING} one its own {@link WaitingException#retryAfter()}, at least
 * {@link #MIN_WAIT} and at most the backoff cap; a {@link FailureKind#TRANSIENT} one backs off,
 * the interval doubled per failure in a row, at most {@link #MAX_FACTOR} intervals.
 *
 * @param interval sync.interval, the delay without a failure
 */
public record RetryDelay(Duration interval) {
    /** The longest backoff, in intervals. */
    public static final int MAX_FACTOR = 8;
    /** The shortest wait a waiting failure gets, so that a retry-after of zero does not spin. */
    public static final Duration MIN_WAIT = Duration.ofSeconds(1);

    public RetryDelay {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive: " + interval);
        }
    }

    /**
     * @param failure        the last poll's or reconcile's failure; null after a success
     * @param failuresInARow failed polls or reconciles in a row that may pass on a retry
     */
    public Duration after(KustosException failure, int failuresInARow) {
        if (failure == null) {
            return interval;
        }
        return switch (failure.reason().kind()) {
            case STALLING -> interval;
            case WAITING -> waiting(((WaitingException) failure).retryAfter(), failuresInARow);
            case TRANSIENT -> backoff(failuresInARow);
        };
    }

    /** The interval doubled per failure in a row, at most {@link #MAX_FACTOR} intervals. */
    public Duration backoff(int failuresInARow) {
        return interval.multipliedBy(1L << Math.min(Math.max(failuresInARow, 0), Integer.numberOfTrailingZeros(MAX_FACTOR)));
    }

    /** The longest delay: {@link #MAX_FACTOR} intervals. */
    public Duration cap() {
        return interval.multipliedBy(MAX_FACTOR);
    }

    private Duration waiting(Duration retryAfter, int failuresInARow) {
        if (retryAfter == null) {
            return backoff(failuresInARow);
        }
        if (retryAfter.compareTo(MIN_WAIT) < 0) {
            return MIN_WAIT;
        }
        return retryAfter.compareTo(cap()) > 0 ? cap() : retryAfter;
    }
}
