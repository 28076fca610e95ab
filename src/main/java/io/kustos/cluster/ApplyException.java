package io.kustos.cluster;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/**
 * The API server refused what Kustos sent (invalid object, conflict with another field
 * manager, forbidden, missing namespace). Needs a person; not retried until something changes.
 */
public class ApplyException extends StallingException {
    /** @param reason one the server refused with ({@link FailureReason#refusedByServer()}) */
    public ApplyException(String message, FailureReason reason) {
        super(message, requireRefusal(reason));
    }

    private static FailureReason requireRefusal(FailureReason reason) {
        if (!reason.refusedByServer()) {
            throw new IllegalArgumentException("not a refusal by the API server: " + reason);
        }
        return reason;
    }
}
