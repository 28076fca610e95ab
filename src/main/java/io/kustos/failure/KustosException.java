package io.kustos.failure;

/**
 * Every failure Kustos reports, in three kinds that say what to do next (after Flux's
 * source-controller): a {@link StallingException} needs a person to fix the input and is not
 * retried until something changes; a {@link WaitingException} is retried after a delay; a
 * {@link TransientException} is retried with backoff.
 *
 * <p>Messages never contain secret values: they name the file, the key path and the object.
 */
public abstract sealed class KustosException extends RuntimeException
        permits StallingException, WaitingException, TransientException {

    protected KustosException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short word for logs, metrics and exit codes. */
    public abstract String kind();
}
