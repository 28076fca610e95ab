package io.kustos.diff;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

/** Git and the cluster cannot be reconciled as they are (e.g. a workload that does not exist). */
public class DiffException extends StallingException {
    /** @param reason {@link FailureReason#WORKLOAD_MISSING}, {@link FailureReason#PRUNE_GUARD}, or
     *               {@link FailureReason#INVALID_INPUT} for an object of another environment */
    public DiffException(String message, FailureReason reason) {
        super(message, reason);
    }
}
