package io.kustos.source;

import io.kustos.failure.KustosException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.kustos.work.ContextExecutor;

/**
 * Runs the git work of one source on a thread of its own and waits for it at most the source's
 * timeout ({@code sources.<name>.timeout}), so that no remote, and no JGit bug, can hang Kustos:
 * the transport's own read timeouts do not bound a server that answers a byte at a time, nor a
 * local upload-pack that never starts. A timed-out operation is interrupted; while its thread
 * still runs, the next one is refused rather than started beside it on the same clone.
 */
final class GitTimeLimit {
    /** Git work: may throw what JGit throws; a {@link KustosException} passes through as it is. */
    @FunctionalInterface
    interface GitWork<T> {
        T call() throws IOException;
    }

    private final String source;
    private final String url;
    private final Duration timeout;
    /** One thread, with the caller's log context (environment, revision): one operation at a time. */
    private final ContextExecutor worker;
    private Future<?> overdue;

    GitTimeLimit(String source, String url, Duration timeout) {
        this.source = source;
        this.url = url;
        this.timeout = timeout;
        this.worker = new ContextExecutor(1, "kustos-git-" + source);
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * @param action what the work does, for the message ("poll", "clone", "push")
     * @throws SourceException the work took longer than the timeout, or the previous one still runs
     */
    synchronized <T> T run(String action, GitWork<T> work) throws IOException {
        if (overdue != null && !overdue.isDone()) {
            throw new SourceException(where() + action + " not started: the previous git operation, which timed out,"
                    + " still runs (restart Kustos if this lasts)", null);
        }
        var abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<T> task = worker.submit(Map.of(), () -> {
            if (abandoned.get()) {
                throw new Checked(new IOException("abandoned before it started")); // the caller gave up already
            }
            try {
                return work.call();
            } catch (IOException e) {
                throw new Checked(e);
            }
        });
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            worker.interruptRunning(); // the only task it runs is this one
            overdue = task;
            throw new SourceException(where() + action + " timed out after " + text(timeout)
                    + " (sources." + source + ".timeout); the remote or the network is too slow, or does not answer", null);
        } catch (InterruptedException e) {
            abandoned.set(true);
            worker.interruptRunning();
            overdue = task;
            Thread.currentThread().interrupt();
            throw new SourceException(where() + action + " interrupted", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** An IOException of the work, through the executor's task, which may throw none. */
    private static final class Checked extends RuntimeException {
        Checked(IOException cause) {
            super(cause);
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof Checked checked) {
            return (IOException) checked.getCause();
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause.getMessage(), cause);
    }

    private String where() {
        return "source '" + source + "' (" + Redactor.url(url) + "): ";
    }

    /** {@code 60s}, {@code 1500ms}: as kustos.yaml writes durations. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
