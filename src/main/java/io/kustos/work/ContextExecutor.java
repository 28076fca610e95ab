package io.kustos.work;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one way Kustos runs work on other threads: a bounded pool of daemon threads whose tasks
 * carry the caller's log context (MDC) plus their own, so every log line says which environment
 * and revision it is about (as java-operator-sdk's MDCUtils). Closing it interrupts what runs.
 */
public final class ContextExecutor implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final java.time.Duration IDLE = java.time.Duration.ofSeconds(30);
    private final ExecutorService pool;
    private final java.util.Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param threads at most this many tasks run at once; @param name the threads' name prefix */
    public ContextExecutor(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        var executor = new java.util.concurrent.ThreadPoolExecutor(threads, threads, IDLE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true); // an idle pool (between polls, a finished command) holds no thread
        this.pool = executor;
    }

    /** Runs {@code task} with the caller's log context and {@code context} on top of it. */
    public <T> CompletableFuture<T> submit(Map<String, String> context, Supplier<T> task) {
        Map<String, String> mdc = callerWith(context);
        return CompletableFuture.supplyAsync(() -> withContext(mdc, task), pool);
    }

    /** Runs {@code task} once every one of {@code first} completed (however), with the context as {@link #submit}. */
    public <T> CompletableFuture<T> after(java.util.Collection<? extends CompletableFuture<?>> first, Map<String, String> context,
                                          Supplier<T> task) {
        Map<String, String> mdc = callerWith(context); // the caller's, not that of the thread finishing the last of first
        CompletableFuture<?>[] all = first.toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).handle((ok, failed) -> null)
                .thenApplyAsync(ignored -> withContext(mdc, task), pool);
    }

    private static Map<String, String> callerWith(Map<String, String> context) {
        Map<String, String> mdc = new HashMap<>();
        Map<String, String> caller = MDC.getCopyOfContextMap();
        if (caller != null) {
            mdc.putAll(caller);
        }
        mdc.putAll(context);
        return mdc;
    }

    /** Interrupts the tasks running now (the caller gave up on them: a lost lease, a shutdown). */
    public void interruptRunning() {
        running.forEach(Thread::interrupt);
    }

    private <T> T withContext(Map<String, String> mdc, Supplier<T> task) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        MDC.setContextMap(mdc);
        Thread self = Thread.currentThread();
        running.add(self);
        try {
            return task.get();
        } finally {
            running.remove(self);
            Thread.interrupted(); // an interrupt meant for this task does not reach the next one
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
