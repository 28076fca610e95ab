package io.kustos.live;

import io.kustos.failure.RetryDelay;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Session 16's review: a thread waiting for a history to be handled ({@link ClusterWatches#awaitHistoryHandled}, the
 * daemon's short wait after its apply) is woken when the watches close: no watch will deliver it now, so it does not wait
 * out its time. Here the wait is far longer than the test may take: only the wake-up ends it.
 */
class ClosingTheWatchesWakesTheirWaitersTest {
    @Test
    void aWaiterGetsNoOnceTheWatchesClose() throws Exception {
        var watches = new ClusterWatches(null, new RetryDelay(Duration.ofSeconds(1)), Clock.systemUTC());
        var waiter = new AtomicReference<Thread>();
        var handled = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            try {
                return watches.awaitHistoryHandled("qa", "120", Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await("the waiter to wait").until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);

        watches.close();

        assertFalse(handled.get(30, TimeUnit.SECONDS), "woken by the close, the history not handled");
    }
}
