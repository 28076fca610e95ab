package io.kustos.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The rollout watches of a test: counts the watches asked for and records where the last one starts, then opens
 * them by the {@code delegate} (none: a watch that stays silent). The first {@code ending} opens end at once
 * instead, as a watch that 410 Gone ends.
 */
final class RecordingWatches implements WorkloadWatches {
    private final WorkloadWatches delegate;
    private final int ending;
    private final AtomicInteger opened = new AtomicInteger();
    private volatile String lastFrom;
    private volatile BiConsumer<String, RolloutSignals> onOpen = (group, signals) -> { };

    /** Opens every watch by {@code delegate}. */
    RecordingWatches(WorkloadWatches delegate) {
        this(delegate, 0);
    }

    private RecordingWatches(WorkloadWatches delegate, int ending) {
        this.delegate = delegate;
        this.ending = ending;
    }

    /** Watches that never signal: a dead connection no error reports. */
    static RecordingWatches silent() {
        return new RecordingWatches(null);
    }

    /** The first {@code n} watches end at once (Closed), the later ones are opened by {@code then}. */
    static RecordingWatches endingFirst(int n, WorkloadWatches then) {
        return new RecordingWatches(then, n);
    }

    /** Every watch ends at once (Closed). */
    static RecordingWatches endingEveryTime() {
        return new RecordingWatches(null, Integer.MAX_VALUE);
    }

    /** {@code hook} is told of each open (its group, kind/namespace, and the wait's signals) before the watch opens. */
    RecordingWatches onOpen(BiConsumer<String, RolloutSignals> hook) {
        this.onOpen = hook;
        return this;
    }

    /** How many watches the waiter asked for. */
    int opened() {
        return opened.get();
    }

    /** The resourceVersion the last watch asked for starts from; null when none was asked for. */
    String lastFrom() {
        return lastFrom;
    }

    /** A waiter that watches by these, reads every 100 ms where it polls and reads a group silent for {@link RolloutWaiter#QUIET}. */
    RolloutWaiter waiter(KubernetesClient client) {
        return waiter(client, RolloutWaiter.QUIET);
    }

    /** A waiter that watches by these, reads every 100 ms where it polls and reads a group silent for {@code quiet}. */
    RolloutWaiter waiter(KubernetesClient client, Duration quiet) {
        return new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), this, quiet);
    }

    @Override
    public AutoCloseable open(String kind, String namespace, String name, String resourceVersion, RolloutSignals signals) {
        int n = opened.incrementAndGet();
        lastFrom = resourceVersion;
        String group = kind + "/" + namespace;
        onOpen.accept(group, signals);
        if (n <= ending) {
            signals.offer(new RolloutSignals.Closed(group, "410: too old resource version"));
            return () -> { };
        }
        return delegate == null ? () -> { } : delegate.open(kind, namespace, name, resourceVersion, signals);
    }
}
