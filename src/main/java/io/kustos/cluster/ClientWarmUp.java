package io.kustos.cluster;

import io.kustos.config.Target;
import io.kustos.work.Threads;

import java.util.List;

/**
 * A short command's clients made ready on a thread of their own while it polls git and renders
 * (issue 18 point 1, docs/benchmarks.md "CLI start"): each target's client built (its kubeconfig
 * read, its HTTP client made) and the clients' JSON readers of the lists a reconcile reads ready
 * ({@link ModelReaders}: apply, diff and preview start making them as they start).
 * Sends no request. A target whose cluster cannot be resolved is left to the reconcile, which
 * reports it as it always has.
 */
public final class ClientWarmUp implements AutoCloseable {
    private final Thread thread;

    private ClientWarmUp(Runnable work) {
        thread = Threads.daemon("kustos-client-warm-up").newThread(work);
        thread.start();
    }

    /** Starts preparing the clients of {@code targets}; {@link #close()} waits until it has ended. */
    public static ClientWarmUp start(ClusterClients clients, List<Target> targets) {
        return new ClientWarmUp(() -> {
            for (Target target : targets) {
                try {
                    clients.forTarget(target);
                } catch (RuntimeException | LinkageError e) {
                    // the reconcile resolves this target again and reports what is wrong with it (no stack trace here)
                }
            }
            try {
                ModelReaders.prepare(); // the clients' readers (made already, or being made, when the command started it)
            } catch (RuntimeException | LinkageError e) {
                // a reader that cannot be made here fails where it is used, as before
            }
        });
    }

    /** Waits until the clients are ready (or their preparing failed), so that none is built after the caller closes them. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
