package io.kustos.cluster.embedded.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulated controllers act on a change at once even while a far recheck of the same object waits. */
class WorkQueueTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final WorkQueue queue = new WorkQueue(executor);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Failed before: the change was dropped while the progress-deadline recheck waited (600 s by default). */
    @Test
    void aChangeWhileARecheckWaitsRunsAtOnce() {
        queue.schedule("Deployment/ns/web", Duration.ofMinutes(10), () -> ran.add("recheck"));
        queue.schedule("Deployment/ns/web", Duration.ofMillis(5), () -> ran.add("change"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("change"));
        assertEquals(List.of("change"), ran, "the recheck still waits");
    }

    @Test
    void aLaterChangeOfAnObjectWhoseRunIsDueSharesIt() throws InterruptedException {
        var gate = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                gate.await(); // hold the only thread until both changes are queued
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        queue.schedule("Job/ns/migrate", Duration.ofMillis(5), () -> ran.add("first"));
        queue.schedule("Job/ns/migrate", Duration.ofMinutes(1), () -> ran.add("second"));
        gate.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> !ran.isEmpty());
        queue.schedule("Job/ns/other", Duration.ofMillis(1), () -> ran.add("other"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("other"));
        assertEquals(List.of("first", "other"), ran, "the later change of migrate was folded into its due run");
    }
}
