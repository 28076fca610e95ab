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

    /**
     * This lock as a run under it sees it (a restore under its caller's lock): checked there, but given up by its holder;
     * the run's {@link #close()} does nothing.
     */
    default HeldLock borrowed() {
        HeldLock holder = this;
        return new HeldLock() {
            @Override
            public void ensureHeld(String phase) {
                holder.ensureHeld(phase);
            }

            @Override
            public void close() {
                // the holder gives it up, once its own work is done
            }
        };
    }
}
