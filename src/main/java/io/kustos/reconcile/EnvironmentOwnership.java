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

    /**
     * Another writer holds {@code environment}'s write lock {@code lease} ({@code namespace/name}) as {@code holder}: a
     * sharded replica says so when that holder is no replica it ever saw (one that uses another sharding namespace).
     */
    default void heldByAnother(String environment, String lease, String holder) {
    }
}
