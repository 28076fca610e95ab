package io.kustos.failure;

/** Bad input (a file, a manifest, the configuration): a person must fix it; do not retry. */
public non-sealed class StallingException extends KustosException {
    public StallingException(String message) {
        super(message, null);
    }

    public StallingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String kind() {
        return "invalid";
    }
}
