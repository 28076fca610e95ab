package io.kustos.runtime;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.*;

/** The timed poll: due at start, claimed once, then due after the delay with at most ±10% jitter. */
class PollScheduleTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void dueAtStartClaimedOnceThenDueAfterTheDelay() {
        var clock = new MutableClock();
        var schedule = new PollSchedule(clock, 0.1, () -> 0.5);
        assertTrue(schedule.claimIfDue());
        assertFalse(schedule.claimIfDue(), "claimed: not due again until the poll ran");
        schedule.next(Duration.ofMinutes(1));
        clock.now = T0.plusSeconds(59);
        assertFalse(schedule.claimIfDue());
        clock.now = T0.plusSeconds(60);
        assertTrue(schedule.claimIfDue());
    }

    @Test
    void jitterStaysWithinTenPercent() {
        var clock = new MutableClock();
        assertEquals(T0.plusSeconds(54), scheduled(clock, 0.0));
        assertEquals(T0.plusSeconds(66), scheduled(clock, 1.0));
        assertEquals(T0.plusSeconds(60), scheduled(clock, 0.5));
    }

    @Test
    void nowMakesItDueAtOnce() {
        var clock = new MutableClock();
        var schedule = new PollSchedule(clock, 0.1, () -> 0.5);
        schedule.next(Duration.ofHours(1));
        assertFalse(schedule.claimIfDue());
        schedule.now();
        assertTrue(schedule.claimIfDue());
    }

    /** The daemon's start and a leadership gain trigger their poll themselves: the timer must not run one more right after it. */
    @Test
    void aClaimedScheduleIsNotDueUntilThePollRan() {
        var clock = new MutableClock();
        var schedule = new PollSchedule(clock, 0.1, () -> 0.5);
        schedule.claim();
        assertFalse(schedule.claimIfDue(), "the poll that claimed it runs; the timer adds none");
        schedule.next(Duration.ofMinutes(1));
        clock.now = T0.plusSeconds(60);
        assertTrue(schedule.claimIfDue());
    }

    @Test
    void jitterOutsideRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PollSchedule(new MutableClock(), 0.9, () -> 0));
    }

    private static Instant scheduled(MutableClock clock, double random) {
        var schedule = new PollSchedule(clock, 0.1, () -> random);
        schedule.next(Duration.ofMinutes(1));
        return schedule.nextAt();
    }

    private static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
