package io.kustos.cluster.embedded.sim;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated controllers' work queue: a run per object after a delay, unless one is already
 * due by then. A change while a later run waits (a rollout's progress-deadline recheck) gets its
 * own, earlier run, as a real controller's work queue acts on it at once.
 */
final class WorkQueue {
    private final ScheduledExecutorService executor;
    /** Per key, when its next run is due ({@link System#nanoTime()}). */
    private final Map<String, Long> due = new ConcurrentHashMap<>();

    WorkQueue(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    void schedule(String key, Duration delay, Runnable run) {
        long millis = Math.max(1, delay.toMillis());
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long next = due.merge(key, at, Math::min);
        if (next != at) {
            return; // a run is due no later than this one would be
        }
        try {
            executor.schedule(() -> {
                due.remove(key, at);
                run.run();
            }, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            due.remove(key, at);
        }
    }
}
