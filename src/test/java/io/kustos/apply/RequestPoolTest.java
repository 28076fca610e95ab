package io.kustos.apply;

import io.kustos.failure.TransientException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool behind parallel dry runs and writes: really {@code limit} at a time (never more),
 * failures reported in the items' order whatever finished first, and a phase that stops at its
 * first failure.
 */
class RequestPoolTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 40).boxed().toList();

    /** Counts how many sends are running at once; each waits until {@code together} are running. */
    private static final class InFlight {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final CyclicBarrier together;

        InFlight(int together) {
            this.together = new CyclicBarrier(together);
        }

        void send() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                // a generous guard, not a timing: without `together` sends at once this never trips
                together.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than " + together.getParties() + " requests were in flight at once", e);
            } finally {
                now.decrementAndGet();
            }
        }
    }

    @Test
    void exactlyTheLimitIsInFlightAtOnce() {
        var inFlight = new InFlight(8);
        var failures = new RequestPool(8).all(ITEMS, i -> inFlight.send());
        assertEquals(Collections.nCopies(ITEMS.size(), null), failures);
        assertEquals(8, inFlight.max.get());
    }

    @Test
    void failuresComeBackInTheItemsOrderNotInTheOrderTheyHappened() {
        // item 3 fails only after item 30 failed: the list still reads 3 before 30
        var thirtyFailed = new java.util.concurrent.CountDownLatch(1);
        var failures = new RequestPool(16).all(ITEMS, i -> {
            if (i == 30) {
                thirtyFailed.countDown();
                throw new IllegalArgumentException("item 30");
            }
            if (i == 3) {
                await(thirtyFailed);
                throw new IllegalArgumentException("item 3");
            }
        });
        var messages = failures.stream().filter(java.util.Objects::nonNull).map(Throwable::getMessage).toList();
        assertEquals(List.of("item 3", "item 30"), messages);
        assertEquals("item 3", failures.get(3).getMessage());
    }

    @Test
    void aPhaseThrowsTheEarliestFailureInOrderAfterEverythingBeforeItWasSent() {
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        var e = assertThrows(IllegalStateException.class, () -> new RequestPool(4).untilFailure(ITEMS, i -> {
            started.add(i);
            if (i == 10 || i == 11) {
                throw new IllegalStateException("item " + i);
            }
        }));
        // item 11 may fail first, but item 10 was taken before it and always runs
        assertEquals("item 10", e.getMessage());
        assertTrue(started.containsAll(IntStream.rangeClosed(0, 10).boxed().toList()), started.toString());
    }

    @Test
    void withOneAtATimeNothingAfterTheFailureIsSent() {
        List<Integer> sent = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> new RequestPool(1).untilFailure(ITEMS, i -> {
            sent.add(i);
            if (i == 5) {
                throw new IllegalStateException("item 5");
            }
        }));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), sent);
    }

    @Test
    void theSendsCarryTheCallersLogContext() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        MDC.put("environment", "staging");
        try {
            new RequestPool(4).all(ITEMS, i -> seen.add(String.valueOf(MDC.get("environment"))));
        } finally {
            MDC.remove("environment");
        }
        assertEquals(Set.of("staging"), seen);
    }

    @Test
    void anInterruptedCallerGetsATransientErrorAndNoFurtherRequestStarts() throws Exception {
        var blocked = new java.util.concurrent.CountDownLatch(4);
        var started = new AtomicInteger();
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread caller = new Thread(() -> {
            try {
                new RequestPool(4).all(ITEMS, i -> {
                    started.incrementAndGet();
                    workers.add(Thread.currentThread());
                    blocked.countDown();
                    await(new java.util.concurrent.CountDownLatch(1)); // a request that runs until interrupted
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        blocked.await();
        caller.interrupt();
        caller.join();
        assertInstanceOf(TransientException.class, thrown.get());
        // the four in flight were interrupted and took no further item
        Awaitility.await("the four requests in flight to end").atMost(Duration.ofSeconds(30))
                .until(() -> workers.stream().noneMatch(Thread::isAlive));
        assertEquals(4, started.get());
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
