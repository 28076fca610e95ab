package io.kustos.reconcile;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

/**
 * An environment not reconciled because its cluster gives no answer: the message names the
 * cluster (context and API server) and when its environments are tried again. The environments of
 * other clusters go on; the daemon's own backoff does not grow for it while they do ({@link ReconcileLoop}).
 */
public final class ClusterUnreachableException extends TransientException {
    ClusterUnreachableException(String message, Throwable cause) {
        super(message, FailureReason.CLUSTER_UNREACHABLE, cause);
    }
}
