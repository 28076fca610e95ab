package io.kustos.failure;

/** Bad input (a file, a manifest, the configuration): a person must fix it; do not retry. */
public non-sealed class StallingException extends KustosException {
    public StallingException(String message, FailureReason reason) {
        super(message, reason, FailureKind.STALLING, null);
    }

    public StallingException(String message, FailureReason reason, Throwable cause) {
        super(message, reason, FailureKind.STALLING, cause);
    }
}
