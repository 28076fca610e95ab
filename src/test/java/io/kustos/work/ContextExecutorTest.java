package io.kustos.work;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import static io.kustos.testsupport.Latches.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks carry the caller's log context plus their own, leave none behind, and can be interrupted. The timeout only stops a hang. */
@Timeout(60)
class ContextExecutorTest {
    private final ContextExecutor executor = new ContextExecutor(1, "context-test");

    @AfterEach
    void close() {
        executor.close();
        MDC.clear();
    }

    @Test
    void aTaskSeesTheCallersContextAndItsOwn() {
        MDC.put("poll", "7");
        var seen = executor.submit(Map.of("environment", "staging"), MDC::getCopyOfContextMap).join();
        assertEquals(Map.of("poll", "7", "environment", "staging"), seen);
        assertEquals(Map.of("poll", "7"), MDC.getCopyOfContextMap(), "the caller's context is its own");
    }

    /** What runs on the pool thread once the task returned (a callback registered before) sees none of its context. */
    @Test
    void aTaskLeavesNoContextOnItsThread() {
        var release = new CountDownLatch(1);
        var afterwards = executor.submit(Map.of("environment", "staging", "revision", "r1"), () -> {
            await(release);
            return "done";
        }).thenApply(done -> Thread.currentThread().getName() + " " + MDC.getCopyOfContextMap());
        release.countDown();
        String seen = afterwards.join();
        assertTrue(seen.startsWith("context-test-"), "the callback ran on " + seen);
        assertTrue(seen.endsWith(" null") || seen.endsWith(" {}"), "the task's context stayed on its thread: " + seen);
    }

    /** A follower logs with the context its caller gave it, not that of the thread that finished its predecessor. */
    @Test
    void aTaskAfterOthersRunsOnceTheyAllEndedWithItsOwnContext() {
        var release = new CountDownLatch(1);
        CompletableFuture<String> staging = executor.submit(Map.of("environment", "staging"), () -> {
            await(release);
            return MDC.get("environment");
        });
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("canary failed"));
        CompletableFuture<Map<String, String>> production = executor.after(List.of(staging, failed), Map.of("environment", "production"),
                MDC::getCopyOfContextMap);
        assertFalse(production.isDone(), "production ran before staging ended");
        release.countDown();
        assertEquals(Map.of("environment", "production"), production.join(), "a failed predecessor does not stop it either");
        assertEquals("staging", staging.join());
    }

    @Test
    void interruptRunningInterruptsWhatRunsAndNotWhatComesNext() {
        var started = new CountDownLatch(1);
        CompletableFuture<String> blocked = executor.submit(Map.of(), () -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) { // parks without clearing the interrupt, as a careless task might
                LockSupport.park(this);
            }
            return "interrupted";
        });
        await(started);
        executor.interruptRunning();
        assertEquals("interrupted", blocked.join());
        assertFalse(executor.submit(Map.of(), () -> Thread.currentThread().isInterrupted()).join(),
                "the interrupt reached the next task on the same thread");
    }

    @Test
    void closeInterruptsWhatRuns() {
        var started = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        executor.submit(Map.of(), () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return null;
        });
        await(started);
        executor.close();
        await(interrupted);
    }

    @Test
    void atLeastOneThread() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ContextExecutor(0, "none"));
        assertEquals("threads must be at least 1, not 0", e.getMessage());
    }
}
