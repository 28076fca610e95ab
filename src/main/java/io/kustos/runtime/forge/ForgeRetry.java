package io.kustos.runtime.forge;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs one forge call, trying again after a failure worth it ({@link JsonHttp.CallFailed#retryable()}:
 * no answer, 429, 408, 5xx) up to {@code retries} times, waiting {@code delay} doubled each time, or
 * the Retry-After the forge asked for when longer (at most {@link #LONGEST_WAIT}). Any other 4xx
 * fails at once. Each retry is logged with the call and the forge's message ({@link ForgeFailure}).
 * It waits on the preview thread only: reconciles never wait for a forge.
 */
final class ForgeRetry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ForgeRetry.class);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    /** How to wait (tests pass a recorder). */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int retries;
    private final Duration delay;
    private final Sleeper sleeper;

    ForgeRetry(int retries, Duration delay, Sleeper sleeper) {
        this.retries = retries;
        this.delay = delay;
        this.sleeper = sleeper;
    }

    <T> T call(Supplier<T> call) {
        Duration next = delay;
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (JsonHttp.CallFailed e) {
                if (!e.retryable() || attempt >= retries) {
                    throw e;
                }
                Duration asked = e.retryAfter().isPresent() ? Duration.ofSeconds(e.retryAfter().getAsLong()) : Duration.ZERO;
                Duration wait = asked.compareTo(next) > 0 ? asked : next;
                wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
                LOG.info("{}; trying again in {} (retry {} of {})", ForgeFailure.describe(e),
                        io.kustos.config.Durations.format(wait), attempt + 1, retries);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                next = next.multipliedBy(2);
            }
        }
    }

    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
