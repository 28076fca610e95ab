package io.kustos.cluster;

/** A write lock held ({@link EnvironmentLock.Held}): checked at each phase boundary of a write, released at the end. */
public interface HeldLock extends AutoCloseable {
    /**
     * Checks that the lock is still this writer's before {@code phase} (e.g. "writing the workloads").
     *
     * @throws LockLostException when it is not: its renewals failed past its duration, or another writer took it over
     */
    void ensureHeld(String phase);

    /** Gives the lock up. */
    @Override
    void close();
}
