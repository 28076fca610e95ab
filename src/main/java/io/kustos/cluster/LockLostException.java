package io.kustos.cluster;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.text.ControlCharacters;

/**
 * A writer's environment write lock is no longer its own at a phase boundary: its renewals failed
 * for longer than the lease duration, or another writer took the Lease over. The run stops there,
 * writing and recording nothing more; what it already wrote stays. A failure that may pass (exit 5):
 * the next run reads the cluster and the history again and completes it.
 */
public final class LockLostException extends TransientException {
    public LockLostException(String environment, String lease, String before, String holder) {
        super(environment + ": lost the write lock (Lease " + lease + ") before " + before + ": it was not renewed in time, "
                + "and another writer may have taken it over" + (holder == null ? "" : " (it is now held by \""
                + ControlCharacters.escape(holder) + "\")") + ". Stopped: nothing more was written or recorded; "
                + "what this run had already written stays as it is. Try again: the next run reads the cluster and the history "
                + "again and completes it", FailureReason.WRITE_LOCK_LOST, null);
    }
}
