package io.kustos.apply;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.work.ContextExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends a batch of independent API requests (the dry runs of a plan, the writes of one phase) at
 * most {@code limit} at a time, on threads that carry the caller's log context. Failures come
 * back in the batch's order, so what is reported does not depend on which request the server
 * answered first. A limit of 1 sends them one after the other on the caller's thread.
 */
public final class RequestPool {
    private final int limit;

    public RequestPool(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /** Sends every item. @return each item's failure (null: it succeeded), in the items' order */
    public <T> List<RuntimeException> all(List<T> items, Consumer<T> send) {
        return run(items, send, false);
    }

    /**
     * Sends the items until one fails: none starts after that, those in flight finish, and the
     * failure of the earliest failed item is thrown.
     */
    public <T> void untilFailure(List<T> items, Consumer<T> send) {
        for (RuntimeException e : run(items, send, true)) {
            if (e != null) {
                throw e;
            }
        }
    }

    private <T> List<RuntimeException> run(List<T> items, Consumer<T> send, boolean stopAtFailure) {
        var failures = new RuntimeException[items.size()];
        var next = new AtomicInteger();
        var stop = new AtomicBoolean();
        Runnable worker = () -> {
            // an interrupt (the caller gave up) also stops the batch: no new request starts
            for (int i = next.getAndIncrement(); i < failures.length && !stop.get() && !Thread.currentThread().isInterrupted();
                 i = next.getAndIncrement()) {
                try {
                    send.accept(items.get(i));
                } catch (RuntimeException e) {
                    failures[i] = e;
                    stop.set(stopAtFailure);
                }
            }
        };
        int threads = Math.min(limit, items.size());
        if (threads <= 1) {
            worker.run();
        } else {
            inParallel(worker, threads);
        }
        return java.util.Arrays.asList(failures);
    }

    /** Runs {@code threads} copies of the worker, with the caller's log context, and waits for all of them. */
    private static void inParallel(Runnable worker, int threads) {
        // closing it interrupts the workers still running: the caller gave up on the batch
        try (var pool = new ContextExecutor(threads, "kustos-request")) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(Map.of(), () -> {
                    worker.run();
                    return null;
                }));
            }
            for (var f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while sending requests to the API server", FailureReason.INTERRUPTED, e);
        } catch (ExecutionException e) {
            // the worker catches RuntimeExceptions; what is left is an Error
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
