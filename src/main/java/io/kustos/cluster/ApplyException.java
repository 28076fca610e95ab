package io.kustos.cluster;

import io.kustos.failure.StallingException;

/**
 * The API server refused what Kustos sent (invalid object, conflict with another field
 * manager, forbidden, missing namespace). Needs a person; not retried until something changes.
 */
public class ApplyException extends StallingException {
    private final String reason;

    public ApplyException(String message, String reason) {
        super(message);
        this.reason = reason;
    }

    /** {@code invalid}, {@code conflict}, {@code forbidden} or {@code not-found}. */
    public String reason() {
        return reason;
    }

    @Override
    public String kind() {
        return reason;
    }
}
