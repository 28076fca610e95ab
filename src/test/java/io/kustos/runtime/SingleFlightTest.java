package io.kustos.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/** One reconcile at a time: triggers during a run coalesce into exactly one more; stopping finishes or abandons. */
class SingleFlightTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void triggersDuringARunCoalesceIntoOneMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Set<String>> runs = new CopyOnWriteArrayList<>();
        var flight = new SingleFlight("test", reasons -> {
            runs.add(reasons);
            started.countDown();
            awaitLatch(release);
        });
        flight.start();
        assertTrue(flight.trigger("poll"));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertTrue(flight.running());
        assertTrue(flight.trigger("webhook github"), "the first trigger during a run is kept");
        for (int i = 0; i < 100; i++) {
            assertFalse(flight.trigger("webhook gitlab"), "further triggers coalesce");
        }
        release.countDown();
        await().atMost(WAIT).until(() -> flight.completed() == 2);
        await("exactly one more run, not 101").during(Duration.ofMillis(200)).atMost(WAIT).until(() -> flight.completed() == 2);
        assertEquals(List.of(Set.of("poll"), Set.of("webhook github", "webhook gitlab")), runs);
        assertTrue(flight.stop(WAIT));
        assertFalse(flight.trigger("poll"), "no triggers after stop");
    }

    @Test
    void stopLetsTheRunFinishWithinTheGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var flight = new SingleFlight("test", reasons -> {
            started.countDown();
            awaitLatch(release);
        });
        flight.start();
        flight.trigger("poll");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        var stopped = new FutureTask<>(() -> flight.stop(Duration.ofSeconds(30)));
        new Thread(stopped, "stopper").start();
        release.countDown(); // the run ends while stop waits for it
        assertTrue(stopped.get(60, TimeUnit.SECONDS), "finished within the grace");
        assertEquals(1, flight.completed());
    }

    @Test
    void stopAbandonsARunThatOutlastsTheGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var flight = new SingleFlight("test", reasons -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // runs until interrupted
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        flight.start();
        flight.trigger("poll");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        assertFalse(flight.stop(Duration.ofMillis(200)), "abandoned");
        assertTrue(interrupted.await(30, TimeUnit.SECONDS), "the run was interrupted");
    }

    @Test
    void abandonCurrentInterruptsTheRunAndTheNextStillHappens() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        var flight = new SingleFlight("test", reasons -> {
            seen.addAll(reasons);
            started.countDown();
            if (reasons.contains("long")) {
                awaitLatch(new CountDownLatch(1)); // runs until interrupted
            }
        });
        flight.start();
        flight.trigger("long");
        assertTrue(started.await(30, TimeUnit.SECONDS));
        flight.abandonCurrent();
        flight.trigger("next");
        await().atMost(WAIT).until(() -> flight.completed() == 2);
        assertEquals(List.of("long", "next"), seen);
        flight.stop(Duration.ofSeconds(1));
    }

    /**
     * Blocks until the latch opens or the thread is interrupted (as a run is when abandoned); the
     * bound only keeps a failed test from leaving a thread behind.
     */
    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
