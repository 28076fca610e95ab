package io.kustos.config;

import java.time.Duration;

/**
 * The lock a writer takes on one environment before its write phase: a
 * {@code coordination.k8s.io/v1} Lease {@code kustos-lock-<environment>} in the environment's
 * namespace (where its {@code kustos-history} ConfigMap is), held with renewal for the writes,
 * the rollout wait and the record, released at the end.
 *
 * @param leaseDuration how long the lock holds without renewal: a writer that died (kill -9) is
 *                      taken over this long after its last renewal; default 30s, whole seconds
 * @param renewEvery    how often the holder renews it; at most half of {@code leaseDuration}; default 10s
 */
public record WriteLock(Duration leaseDuration, Duration renewEvery) {
    public static final WriteLock DEFAULT = new WriteLock(null, null);

    public WriteLock {
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(30) : leaseDuration;
        renewEvery = renewEvery == null ? Duration.ofSeconds(10) : renewEvery;
    }

    /** The Lease's {@code leaseDurationSeconds}: the duration rounded up to whole seconds. */
    public int leaseSeconds() {
        return seconds(leaseDuration);
    }

    /** A Lease's {@code leaseDurationSeconds} for {@code duration}: rounded up to whole seconds, at least one. */
    public static int seconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
