package io.kustos.failure;

import java.util.Objects;

/**
 * Every failure Kustos reports, in three kinds that say what to do next (after Flux's
 * source-controller): a {@link StallingException} needs a person to fix the input and is not
 * retried until something changes; a {@link WaitingException} is retried after a delay; a
 * {@link TransientException} is retried with backoff ({@link RetryDelay} turns one into the next
 * delay). Apart from its kind, each carries a {@link FailureReason}.
 *
 * <p>Messages never contain secret values: they name the file, the key path and the object.
 */
public abstract sealed class KustosException extends RuntimeException
        permits StallingException, WaitingException, TransientException {
    private final FailureReason reason;

    protected KustosException(String message, FailureReason reason, FailureKind kind, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        if (reason.kind() != kind) {
            throw new IllegalArgumentException(reason + " is a " + reason.kind() + " reason, not a " + kind + " one");
        }
    }

    /** What went wrong, apart from the kind. */
    public final FailureReason reason() {
        return reason;
    }

    /**
     * This failure said again with more context: {@code message}, the same kind and reason (and
     * retry-after), this as its cause.
     */
    public final KustosException restated(String message) {
        if (this instanceof WaitingException w) {
            return new WaitingException(message, reason, w.retryAfter());
        }
        if (this instanceof TransientException) {
            return new TransientException(message, reason, this);
        }
        return new StallingException(message, reason, this);
    }

    /** The short word logs, the CLI, the status and notifications show: the reason's {@link FailureReason#word()}. */
    public final String kind() {
        return reason.word();
    }
}
