package io.kustos.reconcile;

/**
 * Whether this writer may still write an environment: always, except in a sharded daemon, which
 * owns only its share (io.kustos.runtime.shard.Shards). Checked with the write lock at each phase
 * boundary of a write ({@link EnvironmentRun#ensureLockHeld}).
 */
public interface EnvironmentOwnership {
    /** Every environment: one process, or the leader. */
    EnvironmentOwnership EVERY = (environment, phase) -> { };

    /**
     * @throws io.kustos.cluster.LockLostException when this replica no longer owns {@code environment} before {@code phase}
     */
    void ensureOwned(String environment, String phase);
}
