package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kustos.cluster.ApiErrors;
import io.kustos.config.Durations;
import io.kustos.failure.RetryDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The daemon's watches of one cluster: one per kind and namespace (fabric8 informers; the first
 * use of each lists once), shared by every environment of that cluster that reads that kind in
 * that namespace; each environment sees them through its own {@link WatchedObjects}, which counts
 * the changes of only the watches it reads. Where a watch cannot be started (no {@code watch}
 * permission, an old server) it is not tried again and its readers list instead. A watch is
 * started by one reader, holding no lock, while the others that read it meanwhile list (a start
 * hangs up to a request timeout while the API server gives no answer). One that cannot be started
 * for a reason that may pass (the API server down, a 5xx) is started again at a use once its
 * backoff is over ({@link WatchRetries}); one that fabric8 gave up on, at its next use.
 */
public final class ClusterWatches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatches.class);

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers = new ConcurrentHashMap<>();
    /** Events seen by each watch (adds, updates, deletes, and one per start; not the history's), by kind/namespace; never reset. */
    private final Map<String, AtomicLong> changes = new ConcurrentHashMap<>();
    /**
     * The highest resourceVersion of the {@code kustos-history} ConfigMap whose event the handlers have handled, by namespace.
     * fabric8 puts an object in an informer's store before it calls the handlers (later, on a thread of their own, in order):
     * once the history at a version has been handled, every ConfigMap event before it has been counted in {@link #changes}.
     */
    private final Map<String, String> historyHandled = new ConcurrentHashMap<>();
    /** The watches the API server refused for good: their readers list. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** The watches being started now, each by one reader. */
    private final Set<String> starting = ConcurrentHashMap.newKeySet();
    private final WatchRetries retries;
    private volatile boolean closed;

    /**
     * @param retry backoff of a watch that could not be started (the sync interval's)
     * @param clock what that backoff is measured by
     */
    public ClusterWatches(KubernetesClient client, RetryDelay retry, Clock clock) {
        this.client = client;
        this.retries = new WatchRetries(retry, clock);
    }

    /** A new reader of these watches: one environment's view. */
    public WatchedObjects forEnvironment() {
        return new WatchedObjects(this);
    }

    /** The watches started so far (one per kind and namespace read). */
    public int watches() {
        return informers.size();
    }

    KubernetesClient client() {
        return client;
    }

    static String key(String kind, String ns) {
        return kind + "/" + ns;
    }

    boolean refused(String key) {
        return refused.contains(key);
    }

    long changes(Collection<String> keys) {
        return keys.stream().mapToLong(k -> changes.getOrDefault(k, new AtomicLong()).get()).sum();
    }

    /** Whether each of {@code keys} is watching and synced. */
    boolean watching(Collection<String> keys) {
        return keys.stream().allMatch(k -> {
            var i = informers.get(k);
            return i != null && i.isRunning() && i.isWatching() && i.hasSynced();
        });
    }

    /**
     * The cached objects of {@code kind} in {@code ns}; a {@link WatchedObjects.WatchUnavailableException}
     * when it cannot answer now. A watch not started yet, or that fabric8 gave up on, is started by
     * the reader that finds it so, when its retry is due ({@link WatchRetries}), holding no lock: a
     * start takes up to a request timeout while the API server gives no answer, and the readers that
     * come meanwhile do not wait for it, they list.
     */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> List<T> items(String kind, String ns, Supplier<SharedIndexInformer<T>> start) {
        String key = key(kind, ns);
        if (refused.contains(key)) {
            throw new WatchedObjects.WatchUnavailableException();
        }
        SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.get(key);
        if (informer != null && !informer.isRunning()) { // fabric8 gave up on it (after an error its informer does not retry)
            if (informers.remove(key, informer)) {
                LOG.info("the watch of {}s in namespace {} had stopped; starting it again", kind, ns);
                informer.close();
            }
            informer = null;
        }
        if (informer == null) {
            informer = startIfDue(kind, ns, key, start);
        }
        if (!informer.isWatching() || !informer.hasSynced()) {
            throw new WatchedObjects.WatchUnavailableException();
        }
        return informer.getStore().list();
    }

    /** Starts the watch {@code key} unless another reader is starting it or its retry is not due (then: unavailable). */
    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> SharedIndexInformer<T> startIfDue(String kind, String ns, String key,
                                                                      Supplier<SharedIndexInformer<T>> start) {
        if (!retries.due(key) || !starting.add(key)) {
            throw new WatchedObjects.WatchUnavailableException();
        }
        try {
            var started = (SharedIndexInformer<T>) informers.get(key); // another reader's start that finished meanwhile
            return started != null ? started : start(kind, ns, key, start);
        } finally {
            starting.remove(key);
        }
    }

    private <T extends HasMetadata> SharedIndexInformer<T> start(String kind, String ns, String key, Supplier<SharedIndexInformer<T>> start) {
        SharedIndexInformer<T> informer;
        try {
            informer = start.get();
        } catch (RuntimeException e) {
            boolean forGood = refusedForGood(e);
            String why = e instanceof KubernetesClientException k ? ApiErrors.serverMessage(k, client.getMasterUrl()) : e.toString();
            if (forGood) {
                refused.add(key);
                LOG.warn("cannot watch {}s in namespace {} ({}); drift checks list instead", kind, ns, why);
            } else {
                LOG.warn("cannot watch {}s in namespace {} ({}); drift checks list until it is started again, tried in {}", kind, ns, why,
                        Durations.format(retries.failed(key)));
            }
            throw new WatchedObjects.WatchUnavailableException();
        }
        if (closed) {
            informer.close();
            throw new WatchedObjects.WatchUnavailableException();
        }
        retries.started(key);
        AtomicLong count = changes.computeIfAbsent(key, k -> new AtomicLong());
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                counted(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                counted(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                counted(obj);
            }

            /** The history is not compared (a write of it, the daemon's own after each run, changes no verdict). */
            private void counted(T obj) {
                if (!LiveStateReader.historyOrPart(obj)) {
                    count.incrementAndGet();
                } else if (LiveStateReader.HISTORY.equals(obj.getMetadata().getName()) && obj.getMetadata().getResourceVersion() != null) {
                    historyHandled.merge(ns, obj.getMetadata().getResourceVersion(), ClusterWatches::later);
                    synchronized (historyHandled) {
                        historyHandled.notifyAll(); // awaitHistoryHandled
                    }
                }
            }
        });
        count.incrementAndGet(); // a new cache: what it holds was not seen before
        informers.put(key, informer);
        return informer;
    }

    /**
     * Whether the ConfigMap watch of {@code namespace} has handled (counted every event before) the {@code kustos-history}
     * ConfigMap at {@code resourceVersion} or later. Versions that are not numbers (another store than etcd) are compared
     * for equality only.
     */
    boolean historyHandled(String namespace, String resourceVersion) {
        String handled = historyHandled.get(namespace);
        return handled != null && resourceVersion != null && later(handled, resourceVersion).equals(handled);
    }

    /**
     * Waits until {@link #historyHandled} holds, at most {@code max}; @return whether it does. A history a watch will never
     * deliver (down, stopped) just waits out {@code max}: callers check {@link WatchedObjects#watching()} first.
     */
    boolean awaitHistoryHandled(String namespace, String resourceVersion, java.time.Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (historyHandled) {
            for (long left = max.toNanos(); !historyHandled(namespace, resourceVersion); left = end - System.nanoTime()) {
                if (left <= 0 || closed) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(historyHandled, left);
            }
            return true;
        }
    }

    /** The later of two resourceVersions: the greater number; of versions that are not numbers, the one seen last ({@code b}). */
    private static String later(String a, String b) {
        try {
            return Long.parseLong(a) > Long.parseLong(b) ? a : b;
        } catch (NumberFormatException e) {
            return b;
        }
    }

    /** Whether the API server refused the watch for good (no permission, not served here), not for a reason that may pass. */
    private static boolean refusedForGood(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && Set.of(401, 403, 404, 405).contains(k.getCode())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (historyHandled) {
            historyHandled.notifyAll(); // awaitHistoryHandled's waiters: no watch will deliver now
        }
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
