package io.kustos.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When the next timed poll is due: the delay the loop asks for (sync.interval, longer or shorter after
 * failures), spread by up to ±{@code jitter} so that replicas and restarts do not poll the git
 * server in step. Thread-safe: the timer claims, the reconcile worker reschedules.
 */
public final class PollSchedule {
    /** Not due until {@link #next} is called: a poll is running or pending. */
    private static final Instant CLAIMED = Instant.MAX;

    private final Clock clock;
    private final double jitter;
    private final DoubleSupplier random;
    private Instant nextAt;

    /** @param jitter a fraction in [0, 0.5]; @param random values in [0, 1) */
    public PollSchedule(Clock clock, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter > 0.5) {
            throw new IllegalArgumentException("jitter must be within [0, 0.5]: " + jitter);
        }
        this.clock = clock;
        this.jitter = jitter;
        this.random = random;
        this.nextAt = clock.instant();
    }

    /** @return true once per due time: the caller runs the poll, and nobody else until {@link #next} */
    public synchronized boolean claimIfDue() {
        if (clock.instant().isBefore(nextAt)) {
            return false;
        }
        nextAt = CLAIMED;
        return true;
    }

    /** The poll ran (by timer or webhook): the next is due {@code delay} ± jitter from now. */
    public synchronized void next(Duration delay) {
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        nextAt = clock.instant().plusMillis(Math.round(delay.toMillis() * factor));
    }

    /**
     * A poll runs now for another reason (becoming the leader, which triggers it itself): not due
     * until {@link #next}, so that the timer does not run a second one right after it.
     */
    public synchronized void claim() {
        nextAt = CLAIMED;
    }

    /** Due at once. */
    public synchronized void now() {
        nextAt = clock.instant();
    }

    /** When the next poll is due, or {@link Instant#MAX} while one is claimed. */
    public synchronized Instant nextAt() {
        return nextAt;
    }
}
