package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.work.ContextExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kustos.testsupport.Latches.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler on a real {@link ContextExecutor} with fake tasks that record what they saw:
 * ordering is proven by latches and recorded events, never by timing. The class timeout only
 * stops a hang from blocking the build.
 */
@Timeout(60)
class EnvironmentSchedulerTest {
    private static final String REVISION = "config=main@aaaaaaa;releases=main@bbbbbbb";
    private final List<String> events = Collections.synchronizedList(new java.util.ArrayList<>());
    private ContextExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
        MDC.clear();
    }

    /** c finishes first, then b, then a; the outcomes still come back as a, b, c. */
    @Test
    void outcomesComeBackInTheTargetsOrder() {
        var bDone = new CountDownLatch(1);
        var cDone = new CountDownLatch(1);
        List<TargetOutcome> out = scheduler(3).run(targets("a", "b", "c"), REVISION, false, t -> switch (t.environment()) {
            case "a" -> {
                await(bDone);
                yield done(t);
            }
            case "b" -> {
                await(cDone);
                var o = done(t);
                bDone.countDown();
                yield o;
            }
            default -> {
                var o = done(t);
                cDone.countDown();
                yield o;
            }
        });
        assertEquals(List.of("end c", "end b", "end a"), events);
        assertEquals(List.of(inSync("a"), inSync("b"), inSync("c")), out);
    }

    /** One thread runs tasks in the order it is given them: production, listed first, still runs after staging. */
    @Test
    void aFollowerRunsAfterItsPredecessor() {
        var targets = List.of(target("production", "staging"), target("staging"));
        List<TargetOutcome> out = scheduler(1).run(targets, REVISION, true, this::recorded);
        assertEquals(List.of("start staging", "end staging", "start production", "end production"), events);
        assertEquals(List.of(inSync("production"), inSync("staging")), out);
    }

    /** Unordered (diff, heal), the same single thread takes them as listed. */
    @Test
    void withoutOrderingAfterIsIgnored() {
        var targets = List.of(target("production", "staging"), target("staging"));
        scheduler(1).run(targets, REVISION, false, this::recorded);
        assertEquals(List.of("start production", "end production", "start staging", "end staging"), events);
    }

    /**
     * With threads to spare, production (after staging and canary) starts only once both ended,
     * however long they take; dev follows nobody and runs alongside them.
     */
    @Test
    void aFollowerWaitsForEveryPredecessorWithThreadsToSpare() {
        var devRunning = new CountDownLatch(1);
        var targets = List.of(target("production", "staging", "canary"), target("staging"), target("canary"), target("dev"));
        scheduler(4).run(targets, REVISION, true, t -> {
            if (!t.environment().equals("dev")) {
                await(devRunning); // staging and canary overlap dev; production would too if it did not wait
            }
            var o = recorded(t);
            if (t.environment().equals("dev")) {
                devRunning.countDown();
            }
            return o;
        });
        int production = events.indexOf("start production");
        assertTrue(production > events.indexOf("end staging") && production > events.indexOf("end canary"), events.toString());
        assertEquals(8, events.size(), events.toString());
    }

    @Test
    void aPredecessorThatFailsDoesNotStopItsFollower() {
        var rollout = new StallingException("Deployment staging/app: rollout failed", FailureReason.ROLLOUT_FAILED);
        List<TargetOutcome> out = scheduler(2).run(List.of(target("production", "staging"), target("staging")), REVISION, true, t -> {
            events.add("start " + t.environment());
            return t.environment().equals("staging") ? new TargetOutcome.Failed("staging", rollout) : inSync(t.environment());
        });
        assertEquals(List.of(inSync("production"), new TargetOutcome.Failed("staging", rollout)), out);
        assertEquals(List.of("start staging", "start production"), events);
    }

    /** The configuration refuses a cycle; should one get here, both still run. */
    @Test
    void aCycleDoesNotHang() {
        List<TargetOutcome> out = scheduler(2).run(List.of(target("a", "b"), target("b", "a")), REVISION, true, this::recorded);
        assertEquals(List.of(inSync("a"), inSync("b")), out);
    }

    /** An environment after one not in this run (kustos apply -e production) does not wait for it. */
    @Test
    void aPredecessorOutsideTheRunIsNotWaitedFor() {
        List<TargetOutcome> out = scheduler(1).run(List.of(target("production", "staging")), REVISION, true, this::recorded);
        assertEquals(List.of(inSync("production")), out);
    }

    @Test
    void eachTaskLogsWithItsEnvironmentAndRevisionAndTheCallersContextStaysItsOwn() {
        MDC.put("poll", "7");
        Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
        scheduler(2).run(targets("staging", "production"), REVISION, true, t -> {
            seen.put(t.environment(), MDC.getCopyOfContextMap());
            return inSync(t.environment());
        });
        assertEquals(Map.of("poll", "7", "environment", "staging", "revision", REVISION), seen.get("staging"));
        assertEquals(Map.of("poll", "7", "environment", "production", "revision", REVISION), seen.get("production"));
        assertEquals(Map.of("poll", "7"), MDC.getCopyOfContextMap(), "nothing of the tasks' context reaches the caller");
    }

    /**
     * Two threads, five environments: the first two wait for each other, so two do run at once; and
     * every task ran on one of two threads (a pool creates a thread for each task it is given while
     * under its size), so never more than two ran at once.
     */
    @Test
    void atMostTheExecutorsThreadsRunAtOnce() {
        var twoRunning = new CountDownLatch(2);
        var threads = ConcurrentHashMap.<String>newKeySet();
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        scheduler(2).run(targets("a", "b", "c", "d", "e"), REVISION, false, t -> {
            threads.add(Thread.currentThread().getName());
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            twoRunning.countDown();
            await(twoRunning);
            running.decrementAndGet();
            return inSync(t.environment());
        });
        assertEquals(2, threads.size(), threads.toString());
        assertEquals(2, most.get());
    }

    private EnvironmentScheduler scheduler(int threads) {
        executor = new ContextExecutor(threads, "scheduler-test");
        return new EnvironmentScheduler(executor);
    }

    private TargetOutcome recorded(Target t) {
        events.add("start " + t.environment());
        return done(t);
    }

    private TargetOutcome done(Target t) {
        events.add("end " + t.environment());
        return inSync(t.environment());
    }

    private static TargetOutcome inSync(String environment) {
        return new TargetOutcome.InSync(environment, null);
    }

    private static List<Target> targets(String... environments) {
        return java.util.Arrays.stream(environments).map(e -> target(e)).toList();
    }

    private static Target target(String environment, String... after) {
        return new Target(environment, environment, List.of(), null, null, false, List.of(after));
    }
}
