package io.kustos.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** One reconcile at a time: triggers during a run coalesce into exactly one more; stopping finishes or abandons. */
class SingleFlightTest {

    @Test
    void triggersDuringARunCoalesceIntoOneMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Set<String>> runs = new CopyOnWriteArrayList<>();
        var flight = new SingleFlight("test", reasons -> {
            runs.add(reasons);
            started.countDown();
            await(release);
        });
        flight.start();
        assertTrue(flight.trigger("poll"));
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(flight.running());
        assertTrue(flight.trigger("webhook github"), "the first trigger during a run is kept");
        for (int i = 0; i < 100; i++) {
            assertFalse(flight.trigger("webhook gitlab"), "further triggers coalesce");
        }
        release.countDown();
        waitFor(() -> flight.completed() == 2);
        Thread.sleep(200);
        assertEquals(2, flight.completed(), "exactly one more run, not 101");
        assertEquals(List.of(Set.of("poll"), Set.of("webhook github", "webhook gitlab")), runs);
        assertTrue(flight.stop(Duration.ofSeconds(1)));
        assertFalse(flight.trigger("poll"), "no triggers after stop");
    }

    @Test
    void stopLetsTheRunFinishWithinTheGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        var flight = new SingleFlight("test", reasons -> {
            started.countDown();
            sleep(300);
        });
        flight.start();
        flight.trigger("poll");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertTrue(flight.stop(Duration.ofSeconds(5)), "finished within the grace");
        assertEquals(1, flight.completed());
    }

    @Test
    void stopAbandonsARunThatOutlastsTheGrace() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var flight = new SingleFlight("test", reasons -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        flight.start();
        flight.trigger("poll");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertFalse(flight.stop(Duration.ofMillis(200)), "abandoned");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the run was interrupted");
    }

    @Test
    void abandonCurrentInterruptsTheRunAndTheNextStillHappens() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        var flight = new SingleFlight("test", reasons -> {
            seen.addAll(reasons);
            started.countDown();
            if (reasons.contains("long")) {
                sleep(60_000);
            }
        });
        flight.start();
        flight.trigger("long");
        assertTrue(started.await(5, TimeUnit.SECONDS));
        flight.abandonCurrent();
        flight.trigger("next");
        waitFor(() -> flight.completed() == 2);
        assertEquals(List.of("long", "next"), seen);
        flight.stop(Duration.ofSeconds(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
