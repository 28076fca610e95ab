package io.kustos.reconcile;

import io.kustos.cluster.LockHolder;

import java.time.Duration;

/**
 * How a reconciler takes each environment's write lock ({@link LockStep}): as whom, and what it
 * does when another writer holds it — {@code kustos apply} waits up to {@code maxWait} and then fails
 * (exit 5, naming the holder); the daemon does not wait: the environment is waiting, and the next
 * poll tries again.
 *
 * @param holder        who takes it, as the Lease says ({@link LockHolder})
 * @param maxWait       how long to wait for it
 * @param retryNextPoll true for the daemon: a held lock ends the run as {@link TargetOutcome.Waiting}
 * @param ownership     whether this writer still owns the environment, checked with the lock (a sharded daemon's share)
 */
public record WriteLockPolicy(String holder, Duration maxWait, boolean retryNextPoll, EnvironmentOwnership ownership) {
    public WriteLockPolicy(String holder, Duration maxWait, boolean retryNextPoll) {
        this(holder, maxWait, retryNextPoll, EnvironmentOwnership.EVERY);
    }

    /** {@code kustos apply}'s default wait. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(2);

    /** A one-shot command that waits up to {@link #DEFAULT_WAIT}, then fails naming the holder. */
    public static WriteLockPolicy command(String command) {
        return command(command, DEFAULT_WAIT);
    }

    /** A one-shot command ({@code kustos apply}) that waits up to {@code wait}, then fails naming the holder. */
    public static WriteLockPolicy command(String command, Duration wait) {
        return new WriteLockPolicy(LockHolder.command(command), wait, false);
    }

    /** The daemon: no wait; the environment waits for the next poll. */
    public static WriteLockPolicy daemon() {
        return daemon(EnvironmentOwnership.EVERY);
    }

    /** The daemon writing only the environments {@code ownership} says it owns (sharding). */
    public static WriteLockPolicy daemon(EnvironmentOwnership ownership) {
        return new WriteLockPolicy(LockHolder.daemon(), Duration.ZERO, true, ownership);
    }
}
