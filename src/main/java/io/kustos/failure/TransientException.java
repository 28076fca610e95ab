package io.kustos.failure;

/** A fault that may pass (network, server error): retry with backoff. */
public non-sealed class TransientException extends KustosException {
    public TransientException(String message, FailureReason reason, Throwable cause) {
        super(message, reason, FailureKind.TRANSIENT, cause);
    }
}
