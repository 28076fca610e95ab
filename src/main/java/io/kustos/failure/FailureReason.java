package io.kustos.failure;

/**
 * Why a {@link KustosException} was thrown, apart from its {@link FailureKind}: each reason belongs
 * to one kind. {@link #word()} is the short word the CLI, the logs, the status and notifications
 * show; several reasons share a word (every bad input says {@code invalid}).
 */
public enum FailureReason {
    /** A repo file or a command's argument is wrong (does not render, names no such revision). */
    INVALID_INPUT(FailureKind.STALLING, "invalid"),
    /** kustos.yaml or the kubeconfig cannot be used as it is. */
    INVALID_CONFIG(FailureKind.STALLING, "invalid"),
    /** An encrypted file cannot be decrypted (no key, bad MAC, wrong format). */
    DECRYPTION(FailureKind.STALLING, "invalid"),
    /** A source's settings do not fit its remote (no such branch or repository, unknown host key). */
    SOURCE_MISCONFIGURED(FailureKind.STALLING, "invalid"),
    /** A source's trusted keys file cannot be read or holds no usable key. */
    TRUSTED_KEYS(FailureKind.STALLING, "invalid"),
    /** A source's head is not signed by a trusted key. */
    UNVERIFIED_COMMIT(FailureKind.STALLING, "invalid"),
    /** A source's branch was force-pushed (allowForcePush is off), or a commit asked for is no longer on it. */
    REWRITTEN_HISTORY(FailureKind.STALLING, "invalid"),
    /** A workload or container that git configures does not exist in the cluster. */
    WORKLOAD_MISSING(FailureKind.STALLING, "invalid"),
    /** Pruning would delete every managed object of an environment, and sync.allowPruneAll is off. */
    PRUNE_GUARD(FailureKind.STALLING, "invalid"),
    /** Blame cannot answer: the object or key is not there, or the head does not render. */
    BLAME_UNANSWERABLE(FailureKind.STALLING, "invalid"),
    /** A local folder or file (the cache, a work clone) cannot be written. */
    LOCAL_FILES(FailureKind.STALLING, "invalid"),
    /** The API server refused an object as invalid (HTTP 400, 415, 422). */
    REFUSED_INVALID(FailureKind.STALLING, "invalid"),
    /** The API server refused a field owned by another field manager (HTTP 409). */
    REFUSED_CONFLICT(FailureKind.STALLING, "conflict"),
    /** The API server refused the request to Kustos's account (HTTP 401, 403). */
    REFUSED_FORBIDDEN(FailureKind.STALLING, "forbidden"),
    /** The API server has no such object or namespace (HTTP 404). */
    REFUSED_NOT_FOUND(FailureKind.STALLING, "not-found"),
    /** A pre-deploy hook failed or was refused. */
    HOOK_FAILED(FailureKind.STALLING, "rollout"),
    /** A workload did not roll out (failed or too slow), or rolling back failed too. */
    ROLLOUT_FAILED(FailureKind.STALLING, "rollout"),
    /** The API server asked to slow down (HTTP 429). */
    THROTTLED(FailureKind.WAITING, "waiting"),
    /** Another writer holds the environment's write lock (a Lease). */
    WRITE_LOCKED(FailureKind.WAITING, "locked"),
    /**
     * A writer's environment write lock was not renewed in time (its renewals failed, or it was taken over) while it
     * wrote: it stopped, and the next run completes what it wrote.
     */
    WRITE_LOCK_LOST(FailureKind.TRANSIENT, "error"),
    /** A git source could not be reached, authenticated against or read. */
    SOURCE_UNREACHABLE(FailureKind.TRANSIENT, "error"),
    /** The API server could not be reached or failed (HTTP 5xx, timeout). */
    CLUSTER_UNREACHABLE(FailureKind.TRANSIENT, "error"),
    /**
     * The object changed between Kustos's read and its write (HTTP 409 that is not a conflict with
     * another field manager: "the object has been modified", "already exists"): a retry reads anew.
     */
    CHANGED_DURING_WRITE(FailureKind.TRANSIENT, "error"),
    /** The cluster did not finish something in time (a deleted hook job is still there). */
    TIMED_OUT(FailureKind.TRANSIENT, "error"),
    /** The history ConfigMap holds something that is not history. */
    HISTORY_UNREADABLE(FailureKind.TRANSIENT, "error"),
    /** A port to listen on is taken or cannot be bound. */
    CANNOT_LISTEN(FailureKind.TRANSIENT, "error"),
    /** The thread was interrupted (the daemon is stopping). */
    INTERRUPTED(FailureKind.TRANSIENT, "error");

    private final FailureKind kind;
    private final String word;

    FailureReason(FailureKind kind, String word) {
        this.kind = kind;
        this.word = word;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The short word shown for a failure of this reason, e.g. {@code invalid}, {@code conflict}, {@code rollout}. */
    public String word() {
        return word;
    }

    /** Whether the API server refused what Kustos sent (invalid, conflict, forbidden, not found). */
    public boolean refusedByServer() {
        return this == REFUSED_INVALID || this == REFUSED_CONFLICT || this == REFUSED_FORBIDDEN || this == REFUSED_NOT_FOUND;
    }

    /** Whether a hook or a rollout failed. */
    public boolean rollout() {
        return this == HOOK_FAILED || this == ROLLOUT_FAILED;
    }
}
