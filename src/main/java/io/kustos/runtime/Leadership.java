package io.kustos.runtime;

/** Whether this replica may reconcile now. */
public interface Leadership extends AutoCloseable {
    /** Without leader election: always the leader. */
    Leadership ALWAYS = () -> true;

    boolean isLeader();

    /** Starts campaigning; {@code onChange} hears every gain (true) and loss (false). */
    default void start(java.util.function.Consumer<Boolean> onChange) {
        onChange.accept(true);
    }

    /** Stops campaigning and gives the lease up, if held. */
    @Override
    default void close() {
    }
}
