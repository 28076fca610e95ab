package io.kustos.source;

import io.kustos.failure.KustosException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

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
    private Thread overdue;

    GitTimeLimit(String source, String url, Duration timeout) {
        this.source = source;
        this.url = url;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * @param action what the work does, for the message ("poll", "clone", "push")
     * @throws SourceException the work took longer than the timeout, or the previous one still runs
     */
    synchronized <T> T run(String action, GitWork<T> work) throws IOException {
        if (overdue != null && overdue.isAlive()) {
            throw new SourceException(where() + action + " not started: the previous git operation, which timed out,"
                    + " still runs (restart Kustos if this lasts)", null);
        }
        Map<String, String> context = MDC.getCopyOfContextMap();
        var task = new FutureTask<>(() -> {
            if (context != null) {
                MDC.setContextMap(context); // the caller's log context (environment, revision) on this thread's lines too
            }
            return work.call();
        });
        var thread = new Thread(task, "kustos-git-" + source);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            overdue = thread;
            throw new SourceException(where() + action + " timed out after " + text(timeout)
                    + " (sources." + source + ".timeout); the remote or the network is too slow, or does not answer", null);
        } catch (InterruptedException e) {
            task.cancel(true);
            overdue = thread;
            Thread.currentThread().interrupt();
            throw new SourceException(where() + action + " interrupted", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static IOException rethrow(Throwable cause) {
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
