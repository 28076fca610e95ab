package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import java.time.Duration;

/**
 * What a {@link ReconcileLoop} reports besides its reports, for whoever runs it (the daemon's
 * metrics and readiness). Plain callbacks, called on the loop's thread; the defaults do nothing.
 */
public interface LoopObserver {
    LoopObserver NONE = new LoopObserver() {
    };

    /** Both sources were polled ({@code error} null) or the poll failed with {@code error}. */
    default void sourcesPolled(Duration took, KustosException error) {
    }

    /** A reconcile of every target starts now (the sources moved, or the last attempt may pass now). */
    default void reconcileStarting() {
    }
}
