package io.kustos.live;

import io.kustos.failure.RetryDelay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a watch that could not be started may be tried again: after its first failed start one
 * interval, doubled per failed start in a row, at most {@link RetryDelay#MAX_FACTOR} intervals (the
 * daemon's own backoff, {@link RetryDelay#backoff}); at once again after a start that succeeded.
 * Meanwhile its readers list, and an API server that is away is not asked at every drift check.
 */
final class WatchRetries {
    private final RetryDelay delay;
    private final Clock clock;
    private final Map<String, Retry> failed = new ConcurrentHashMap<>();

    WatchRetries(RetryDelay delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    /** Whether the watch {@code key} may be started now. */
    boolean due(String key) {
        Retry retry = failed.get(key);
        return retry == null || !clock.instant().isBefore(retry.at());
    }

    /** Records a failed start of {@code key}; returns how long until it may be tried again. */
    Duration failed(String key) {
        Retry retry = failed.compute(key, (k, before) -> {
            int failures = before == null ? 1 : before.failures() + 1;
            return new Retry(failures, clock.instant().plus(delay.backoff(failures - 1)));
        });
        return delay.backoff(retry.failures() - 1);
    }

    /** Records that {@code key} started: a later failure waits one interval again. */
    void started(String key) {
        failed.remove(key);
    }

    private record Retry(int failures, Instant at) {
    }
}
