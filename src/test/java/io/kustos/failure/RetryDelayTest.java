package io.kustos.failure;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The daemon's next delay comes from the last failure: its kind, and a waiting one's retry-after. */
class RetryDelayTest {
    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private final RetryDelay delay = new RetryDelay(INTERVAL);

    @Test
    void withoutAFailureTheIntervalIsWaited() {
        assertEquals(INTERVAL, delay.after(null, 0));
    }

    @Test
    void aStallingFailureWaitsTheIntervalHowEverOftenItFailed() {
        var invalid = new StallingException("environments/dev/app.yaml: data: not a mapping", FailureReason.INVALID_INPUT);
        assertEquals(List.of(INTERVAL, INTERVAL, INTERVAL, INTERVAL),
                IntStream.of(0, 1, 3, 10).mapToObj(n -> delay.after(invalid, n)).toList());
    }

    @Test
    void aWaitingFailureIsRetriedAfterItsRetryAfterEvenAfterManyFailures() {
        var throttled = new WaitingException("throttled", FailureReason.THROTTLED, Duration.ofSeconds(5));
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                IntStream.of(1, 6).mapToObj(n -> delay.after(throttled, n)).toList());
    }

    @Test
    void aWaitingFailuresRetryAfterIsBoundedByTheBackoffCapAndOneSecond() {
        var late = new WaitingException("throttled", FailureReason.THROTTLED, Duration.ofHours(1));
        var now = new WaitingException("throttled", FailureReason.THROTTLED, Duration.ZERO);
        assertEquals(Duration.ofMinutes(8), delay.after(late, 1));
        assertEquals(RetryDelay.MIN_WAIT, delay.after(now, 1));
    }

    @Test
    void aWaitingFailureWithoutRetryAfterBacksOff() {
        var unknown = new WaitingException("throttled", FailureReason.THROTTLED, null);
        assertEquals(Duration.ofMinutes(4), delay.after(unknown, 2));
    }

    @Test
    void aTransientFailureDoublesTheIntervalPerFailureInARowUpToEightIntervals() {
        var unreachable = new TransientException("source 'config': cannot reach git.example.com", FailureReason.SOURCE_UNREACHABLE, null);
        assertEquals(List.of(Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(8)),
                IntStream.rangeClosed(1, 4).mapToObj(n -> delay.after(unreachable, n)).toList());
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RetryDelay(Duration.ZERO));
    }
}
