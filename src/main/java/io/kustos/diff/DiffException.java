package io.kustos.diff;

import io.kustos.failure.StallingException;

/** Git and the cluster cannot be reconciled as they are (e.g. a workload that does not exist). */
public class DiffException extends StallingException {
    public DiffException(String message) {
        super(message);
    }
}
