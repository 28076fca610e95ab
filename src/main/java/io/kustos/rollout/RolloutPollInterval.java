package io.kustos.rollout;

import java.time.Duration;

/**
 * How long {@link RolloutWaiter} waits between two rounds: {@code poll} at first, then an eighth of
 * the time waited so far, at most {@link #MAX}. A rollout of a few seconds is seen at the poll's
 * pace; a long one (200 Deployments adopted at kube-controller-manager's 20 requests/s) is seen at
 * most an eighth of its time late, for a fraction of the lists: each list of a namespace's
 * workloads is read whole, so polling a long wait every half second cost more requests and client
 * CPU (TLS, JSON) than the writes it waits for. The last wait ends at the deadline, not after it
 * ({@link #after(Duration, Duration)}): the round read at the deadline is the last.
 */
record RolloutPollInterval(Duration poll) {
    /** The longest wait between two rounds. */
    static final Duration MAX = Duration.ofSeconds(5);

    RolloutPollInterval {
        if (poll.isNegative()) {
            throw new IllegalArgumentException("poll must not be negative, not " + poll);
        }
    }

    /** @param waited how long the workloads have been waited for so far */
    Duration after(Duration waited) {
        Duration eighth = waited.dividedBy(8);
        Duration wait = eighth.compareTo(poll) > 0 ? eighth : poll;
        Duration max = poll.compareTo(MAX) > 0 ? poll : MAX;
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * @param waited how long the workloads have been waited for so far
     * @param left   how long until the deadline: the wait is never longer
     */
    Duration after(Duration waited, Duration left) {
        Duration wait = after(waited);
        return left.compareTo(wait) < 0 ? (left.isNegative() ? Duration.ZERO : left) : wait;
    }
}
