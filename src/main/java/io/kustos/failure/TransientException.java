package io.kustos.failure;

/** A fault that may pass (network, server error): retry with backoff. */
public non-sealed class TransientException extends KustosException {
    public TransientException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "error";
    }
}
