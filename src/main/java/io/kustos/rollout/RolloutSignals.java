package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the watches of a rollout wait saw, handed from the watch threads to the waiting thread: a
 * workload as it now stands, a workload deleted, a watch that ended without being asked to, or one that could not start.
 */
final class RolloutSignals {
    /** One thing a watch of {@code group} (kind/namespace) saw; {@code workload} is null for {@link Closed}. */
    sealed interface Signal {
        String group();
    }

    record Changed(String group, HasMetadata workload) implements Signal {
    }

    record Deleted(String group, HasMetadata workload) implements Signal {
    }

    /** The watch ended (410 Gone, reconnects exhausted, a stale resourceVersion), or its start was refused with 410: read the group again. */
    record Closed(String group, String why) implements Signal {
    }

    /** The watch could not start (no {@code watch} permission, no websocket, no answer within the request timeout): poll the group. */
    record Refused(String group, String why) implements Signal {
    }

    private final LinkedBlockingQueue<Signal> queue = new LinkedBlockingQueue<>();

    void offer(Signal s) {
        queue.add(s);
    }

    /** Waits up to {@code max} for the first signal, then takes every one already queued; empty when none came. */
    List<Signal> next(Duration max) {
        try {
            Signal first = max.isZero() || max.isNegative() ? queue.poll() : queue.poll(max.toNanos(), TimeUnit.NANOSECONDS);
            var out = new ArrayList<Signal>();
            if (first != null) {
                out.add(first);
                queue.drainTo(out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting for rollouts", FailureReason.INTERRUPTED, e);
        }
    }
}
