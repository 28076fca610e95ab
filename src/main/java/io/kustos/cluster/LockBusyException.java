package io.kustos.cluster;

import io.kustos.failure.FailureReason;
import io.kustos.failure.WaitingException;
import io.kustos.text.ControlCharacters;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Another writer holds an environment's write lock: says who, since when, and when the lock
 * expires if that writer died. Waiting: a retry after the holder is done may succeed.
 */
public final class LockBusyException extends WaitingException {
    private final LeaseState state;

    private final String held;
    private final String lease;

    LockBusyException(String environment, String lease, LeaseState state, Duration waited, Instant now) {
        super(held(environment, lease, state) + (waited.toSeconds() == 0 ? "" : " (waited " + waited.toSeconds() + "s)")
                + ". Try again when it is done (kustos apply --lock-wait waits longer)" + (state.holder() == null ? ""
                : "; if that writer died, its lock expires at " + time(state.expires()) + ", " + state.duration().toSeconds()
                        + "s after its last renewal"),
                FailureReason.WRITE_LOCKED, retryAfter(state, now));
        this.state = state;
        this.held = held(environment, lease, state);
        this.lease = lease;
    }

    private static String held(String environment, String lease, LeaseState state) {
        return environment + " is being written by another writer: Lease " + lease + " is " + holder(state);
    }

    /** Who holds it and since when; a Lease that changed under every try (read back as gone or unheld) names nobody. */
    static String holder(LeaseState state) {
        return state.holder() == null ? "contended: another writer changed it on every try, and it was read back unheld"
                : "held by \"" + ControlCharacters.escape(state.holder()) + "\" since " + time(state.acquired());
    }

    /** What the daemon says, which does not wait: it tries again when the lock expires, or at its next poll if that is sooner. */
    public String daemonMessage() {
        return held + (state.holder() == null ? "; tries again at the next poll"
                : "; tries again when the lock expires (at " + time(state.expires()) + ", " + state.duration().toSeconds()
                        + "s after its last renewal), or at the next poll if that is sooner");
    }

    /** The lock's Lease, {@code namespace/name}. */
    public String lease() {
        return lease;
    }

    /** The lock as it was last read. */
    public LeaseState state() {
        return state;
    }

    private static Duration retryAfter(LeaseState state, Instant now) {
        Duration left = Duration.between(now, state.expires());
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private static String time(Instant t) {
        return t == null ? "an unknown time" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
