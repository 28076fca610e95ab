package io.kustos.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting in tests for what another thread was arranged to do. */
public final class Latches {
    private Latches() {
    }

    /** Waits for {@code latch}; the bound only turns a bug into a failure instead of a hang, it is no timing. */
    public static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "waited for something that never came");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
