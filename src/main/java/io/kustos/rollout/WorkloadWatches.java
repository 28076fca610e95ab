package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.kustos.cluster.ApiFailures;
import io.kustos.work.ContextExecutor;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Opens the watch of one kind of workload in one namespace that a rollout wait follows instead of
 * polling: from the resourceVersion of a list the waiter has read, so every later change reaches it,
 * and only of one name when it waits for one workload. fabric8 reconnects a dropped watch by itself
 * from the last resourceVersion it saw; a watch it gives up on (410 Gone among others) is signalled
 * {@link RolloutSignals.Closed}.
 *
 * <p>A watch is started on a thread of its own and {@link #open} returns at once: fabric8's start waits for
 * the server's answer with no bound of its own (only the client's request timeout, which may be none), and
 * the rollout's deadline holds whatever the server does. Until the watch has started the waiter hears
 * nothing of the group, as from a silent watch, and reads it after its quiet time. A start the server
 * refuses is signalled: {@link RolloutSignals.Closed} for a 410 Gone (the resourceVersion is too old: read
 * again and watch once more), else {@link RolloutSignals.Refused} (no {@code watch} permission, no websocket,
 * no answer within the request timeout, any other failure of the start, an {@link Error} too: the group polls).
 */
@FunctionalInterface
interface WorkloadWatches {
    /** Never opens a watch: every group polls (the WireMock tests of the polling rounds, which speak no websocket). */
    WorkloadWatches NONE = (kind, namespace, name, resourceVersion, signals) -> {
        throw new UnsupportedOperationException("watching is off");
    };

    /**
     * @param name            the one workload waited for, or null for all of the namespace's
     * @param resourceVersion where the watch starts, a list's: changes after it are delivered
     * @return closes the watch, also one still starting (it is closed as soon as it has started)
     * @throws RuntimeException when the watch cannot be asked for at all; the group then polls
     */
    AutoCloseable open(String kind, String namespace, String name, String resourceVersion, RolloutSignals signals);

    static WorkloadWatches of(KubernetesClient client) {
        return of(client, (kind, namespace) -> WorkloadKinds.operations(client, kind, namespace));
    }

    /** As {@link #of(KubernetesClient)}, starting the watch of a kind in a namespace by {@code operations} (tests pass a start that fails). */
    static WorkloadWatches of(KubernetesClient client, BiFunction<String, String, Watchable<? extends HasMetadata>> operations) {
        return (kind, namespace, name, resourceVersion, signals) -> {
            String group = kind + "/" + namespace;
            var options = new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true)
                    .withFieldSelector(name == null ? null : "metadata.name=" + name).build();
            Watchable<? extends HasMetadata> ops = operations.apply(kind, namespace);
            var starting = new StartingWatch();
            Starts.POOL.submit(Map.of(), () -> {
                if (starting.isClosed()) {
                    return null; // the wait ended before this thread came to it: nothing to ask for
                }
                try {
                    starting.started(watch(ops, options, group, signals));
                } catch (KubernetesClientException e) {
                    String why = ApiFailures.describe(e, client);
                    starting.refused(signals, e.getCode() == HttpURLConnection.HTTP_GONE
                            ? new RolloutSignals.Closed(group, why) : new RolloutSignals.Refused(group, why));
                } catch (Throwable e) { // an Error too: the pool's future, which nobody reads, would keep it, and the group would never poll
                    starting.refused(signals, new RolloutSignals.Refused(group, e.toString()));
                }
                return null;
            });
            return starting;
        };
    }

    /** The threads that start the rollout watches: a start holds one until the server answers or the request times out. */
    final class Starts {
        static final ContextExecutor POOL = new ContextExecutor(16, "kustos-rollout-watch");

        private Starts() {
        }
    }

    /** A watch being started: closed before it started, it is closed as soon as it does, and its refusal is not signalled. */
    final class StartingWatch implements AutoCloseable {
        private Watch watch;
        private boolean closed;

        void started(Watch w) {
            synchronized (this) {
                if (!closed) {
                    watch = w;
                    return;
                }
            }
            w.close();
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void refused(RolloutSignals signals, RolloutSignals.Signal why) {
            if (!closed) {
                signals.offer(why);
            }
        }

        @Override
        public void close() {
            Watch w;
            synchronized (this) {
                closed = true;
                w = watch;
                watch = null;
            }
            if (w != null) {
                w.close();
            }
        }
    }

    private static <T extends HasMetadata> Watch watch(Watchable<T> ops, ListOptions options, String group, RolloutSignals signals) {
        return ops.watch(options, new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T workload) {
                switch (action) {
                    case ADDED, MODIFIED -> signals.offer(new RolloutSignals.Changed(group, workload));
                    case DELETED -> signals.offer(new RolloutSignals.Deleted(group, workload));
                    default -> { } // BOOKMARK moves fabric8's resourceVersion on; ERROR ends in onClose
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                signals.offer(new RolloutSignals.Closed(group, cause.getMessage()));
            }

            @Override
            public void onClose() {
                // closed by the waiter itself
            }
        });
    }
}
