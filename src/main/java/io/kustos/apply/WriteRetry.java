package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Sends one write again when its failure may pass, a bounded number of times: the API server
 * failed (5xx), the connection was reset or timed out, it asked to slow down (429: waits the
 * delay it gives, {@link WaitingException#retryAfter()}), or the object changed between Kustos's
 * read and its write ({@link FailureReason#CHANGED_DURING_WRITE}). Server-side apply is
 * idempotent, so sending it twice is safe. A refusal (invalid, forbidden, not found, a conflict
 * with another field manager) is thrown at once; so is a throttle whose delay is longer than
 * {@code maxWait}, which the next poll retries.
 *
 * <p>It replaces fabric8's own retry for writes ({@code Config.requestRetryBackoffLimit}, which
 * retries 5xx, 429 and I/O errors but not a 409, and sleeps on its own timer): the writes' client
 * is {@link #unretried} so that one write is never sent attempts × fabric8's retries times.
 * Reads keep fabric8's retry.
 */
public final class WriteRetry {
    /** Waits between two attempts; tests pass one that only records the delay. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    /** Attempts per write, the first included. */
    public static final int ATTEMPTS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(WriteRetry.class);
    private static final Set<FailureReason> MAY_PASS = Set.of(FailureReason.CLUSTER_UNREACHABLE, FailureReason.THROTTLED,
            FailureReason.CHANGED_DURING_WRITE);

    private final int attempts;
    private final Duration firstBackoff;
    private final Duration maxWait;
    private final Sleeper sleeper;

    /**
     * @param attempts     at most this many sends of one write, at least 1
     * @param firstBackoff the wait after the first failure, doubled after each further one
     * @param maxWait      the longest wait between two attempts (a longer Retry-After is not waited for here)
     */
    public WriteRetry(int attempts, Duration firstBackoff, Duration maxWait, Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        this.attempts = attempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** {@value #ATTEMPTS} attempts, 250 ms backoff doubled, waits of at most 10 s, on the calling thread. */
    public static WriteRetry standard() {
        return new WriteRetry(ATTEMPTS, Duration.ofMillis(250), Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    /** {@code client} with fabric8's own retry off, for the writes this class retries (same connection pool). */
    public static KubernetesClient unretried(KubernetesClient client) {
        var config = new RequestConfigBuilder(client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build();
        return client.newClient(config).adapt(KubernetesClient.class);
    }

    /**
     * Sends {@code write} until it succeeds, fails in a way a retry cannot pass, or has been sent
     * {@code attempts} times: then its last failure is thrown, saying how many attempts were made.
     *
     * @param write one send; throws the {@link KustosException} its failure is
     */
    public void run(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (KustosException e) {
                Duration wait = mayPass(e) ? delay(e, attempt) : null;
                if (wait == null) {
                    throw attempt == 1 || !mayPass(e) ? e : afterAttempts(e, attempt); // a refusal: as the server said it
                }
                if (attempt == attempts) {
                    throw afterAttempts(e, attempt);
                }
                LOG.info("{} (attempt {} of {}); trying again in {} ms", e.getMessage(), attempt, attempts, wait.toMillis());
                pause(wait);
            }
        }
    }

    private static boolean mayPass(KustosException e) {
        return MAY_PASS.contains(e.reason());
    }

    /** The wait before attempt {@code attempt + 1}; null: too long to wait here. */
    private Duration delay(KustosException e, int attempt) {
        if (e instanceof WaitingException w && w.retryAfter() != null) {
            return w.retryAfter().compareTo(maxWait) > 0 ? null : w.retryAfter();
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(maxWait) > 0 ? maxWait : backoff;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting to send a write again", FailureReason.INTERRUPTED, ie);
        }
    }

    /** The last failure, of the same kind and reason, saying it was the last of {@code made} attempts. */
    private static KustosException afterAttempts(KustosException e, int made) {
        return e.restated(e.getMessage() + " (gave up after " + made + " attempts)");
    }
}
