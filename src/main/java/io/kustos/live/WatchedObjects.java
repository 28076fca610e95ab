package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.kustos.cluster.ApiErrors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The daemon's view of the cluster between commits: one watch per kind and namespace (fabric8
 * informers; the first use of each lists once), so that a poll with no new commit compares git
 * with these caches and sends no request at all. A cache may lag a moment behind the server:
 * callers treat a difference it shows as a hint and confirm it with {@link LiveObjects#listing}
 * before writing. Where a watch cannot be started (no {@code watch} permission, an old server),
 * {@link #caches} answers empty and the caller lists. A watch that cannot be started for a reason
 * that may pass (the API server down, a 5xx), or that fabric8 gave up on, is started again at its
 * next use; until every watch is up, {@link #watching()} is false and callers do not trust
 * {@link #changes()} (events may have been missed meanwhile).
 */
public final class WatchedObjects implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedObjects.class);

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<? extends HasMetadata>> informers = new HashMap<>();
    private boolean unavailable;
    /** Events seen by any cache: unchanged since a check found the target in sync means still in sync. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public WatchedObjects(KubernetesClient client) {
        this.client = client;
    }

    /**
     * How many changes the caches have seen so far (adds, updates, deletes, new caches). Read it
     * before comparing: if it is the same at the next poll, nothing watched changed in between.
     */
    public long changes() {
        return changes.get();
    }

    /**
     * Whether every cache started so far is watching and synced: only then does an unchanged
     * {@link #changes()} mean nothing changed. False while a watch is down (the API server away)
     * or stopped, before the first cache, and where watching is not possible.
     */
    public synchronized boolean watching() {
        return !unavailable && !informers.isEmpty()
                && informers.values().stream().allMatch(i -> i.isRunning() && i.isWatching() && i.hasSynced());
    }

    /** The caches as {@link LiveObjects}, or empty when watching is not possible here. */
    public synchronized Optional<LiveObjects> caches() {
        return unavailable ? Optional.empty() : Optional.of(new Cached());
    }

    private final class Cached implements LiveObjects {
        @Override
        public List<ConfigMap> configMaps(String ns) {
            return items("ConfigMap", ns, () -> client.configMaps().inNamespace(ns).inform());
        }

        @Override
        public List<Secret> secrets(String ns) {
            return items("Secret", ns, () -> client.secrets().inNamespace(ns).inform());
        }

        @Override
        public List<Deployment> deployments(String ns) {
            return items("Deployment", ns, () -> client.apps().deployments().inNamespace(ns).inform());
        }

        @Override
        public List<StatefulSet> statefulSets(String ns) {
            return items("StatefulSet", ns, () -> client.apps().statefulSets().inNamespace(ns).inform());
        }

        @Override
        public List<DaemonSet> daemonSets(String ns) {
            return items("DaemonSet", ns, () -> client.apps().daemonSets().inNamespace(ns).inform());
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> List<T> items(String kind, String ns, Supplier<SharedIndexInformer<T>> start) {
        SharedIndexInformer<T> informer;
        synchronized (this) {
            informer = (SharedIndexInformer<T>) informers.get(kind + "/" + ns);
            if (informer != null && !informer.isRunning()) { // fabric8 gave up on it (after an error its informer does not retry)
                LOG.info("the watch of {}s in namespace {} had stopped; starting it again", kind, ns);
                informers.remove(kind + "/" + ns);
                informer.close();
                informer = null;
            }
            if (informer == null) {
                try {
                    informer = start.get();
                } catch (RuntimeException e) {
                    boolean forGood = refused(e);
                    unavailable |= forGood;
                    LOG.warn("cannot watch {}s in namespace {} ({}); drift checks list {}", kind, ns,
                            e instanceof KubernetesClientException k ? ApiErrors.serverMessage(k, client.getMasterUrl()) : e.toString(),
                            forGood ? "instead" : "until it can be started again");
                    throw new WatchUnavailableException();
                }
                informer.addEventHandler(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<T>() {
                    @Override
                    public void onAdd(T obj) {
                        changes.incrementAndGet();
                    }

                    @Override
                    public void onUpdate(T oldObj, T newObj) {
                        changes.incrementAndGet();
                    }

                    @Override
                    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                        changes.incrementAndGet();
                    }
                });
                changes.incrementAndGet();
                informers.put(kind + "/" + ns, informer);
            }
        }
        if (!informer.isWatching() || !informer.hasSynced()) {
            throw new WatchUnavailableException();
        }
        return informer.getStore().list();
    }

    /** Whether the API server refused the watch for good (no permission, not served here), not for a reason that may pass. */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && java.util.Set.of(401, 403, 404, 405).contains(k.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** A cache is not usable now (not started, not synced, or its watch is down): list instead. */
    public static final class WatchUnavailableException extends RuntimeException {
        WatchUnavailableException() {
            super("watch cache unavailable", null, false, false);
        }
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
