package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One environment's view of the daemon's watches of its cluster between commits
 * ({@link ClusterWatches}: one watch per kind and namespace, shared with the other environments
 * there), so that a poll with no new commit compares git with these caches and sends no request at
 * all. A cache may lag a moment behind the server: callers treat a difference it shows as a hint
 * and confirm it with {@link LiveObjects#listing} before writing. Where a watch cannot be started
 * (no {@code watch} permission, an old server), {@link #caches} answers empty and the caller lists.
 * Until every watch this environment reads is up, {@link #watching()} is false and callers do not
 * trust {@link #changes()} (events may have been missed meanwhile).
 */
public final class WatchedObjects {
    private final ClusterWatches shared;
    /** The watches this environment read, by kind/namespace. */
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    WatchedObjects(ClusterWatches shared) {
        this.shared = shared;
    }

    /**
     * How many changes the caches this environment reads have seen so far (adds, updates,
     * deletes, new caches; not the writes of the {@code kustos-history} ConfigMaps, which are never compared). Read it before comparing: if it is the same at the next poll, nothing
     * it watches changed in between; a change in another namespace or kind does not count.
     */
    public long changes() {
        return shared.changes(read);
    }

    /**
     * Whether every cache this environment read so far is watching and synced: only then does an
     * unchanged {@link #changes()} mean nothing changed. False while a watch is down (the API server
     * away) or stopped, before the first cache, and where watching is not possible.
     */
    public boolean watching() {
        return !read.isEmpty() && read.stream().noneMatch(shared::refused) && shared.watching(read);
    }

    /**
     * Whether the ConfigMap watch of {@code namespace} has come up to the {@code kustos-history} ConfigMap at
     * {@code resourceVersion} (read by a GET or list) or later, and {@link #changes()} counts every ConfigMap change
     * before it: judged by the history's events its handlers have handled, not by its cache, which fabric8 updates first.
     */
    public boolean historyHandled(String namespace, String resourceVersion) {
        return shared.historyHandled(namespace, resourceVersion);
    }

    /**
     * Waits until {@link #historyHandled} holds, at most {@code max} (the history as this process just wrote it: its
     * watch delivers it a moment later); @return whether it does.
     */
    public boolean awaitHistoryHandled(String namespace, String resourceVersion, java.time.Duration max) throws InterruptedException {
        return shared.awaitHistoryHandled(namespace, resourceVersion, max);
    }

    /** The caches as {@link LiveObjects}, or empty when a watch this environment reads is not possible here. */
    public Optional<LiveObjects> caches() {
        return read.stream().anyMatch(shared::refused) ? Optional.empty() : Optional.of(new Cached());
    }

    private final class Cached implements LiveObjects {
        @Override
        public List<ConfigMap> configMaps(String ns) {
            return items("ConfigMap", ns, () -> inform(shared.client().configMaps().inNamespace(ns)));
        }

        @Override
        public List<Secret> secrets(String ns) {
            return items("Secret", ns, () -> inform(shared.client().secrets().inNamespace(ns)));
        }

        @Override
        public List<Deployment> deployments(String ns) {
            return items("Deployment", ns, () -> inform(shared.client().apps().deployments().inNamespace(ns)));
        }

        @Override
        public List<StatefulSet> statefulSets(String ns) {
            return items("StatefulSet", ns, () -> inform(shared.client().apps().statefulSets().inNamespace(ns)));
        }

        @Override
        public List<DaemonSet> daemonSets(String ns) {
            return items("DaemonSet", ns, () -> inform(shared.client().apps().daemonSets().inNamespace(ns)));
        }
    }

    /** A watch whose cache keeps of each object only what the compare reads ({@link ComparedFields}). */
    private static <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> objects) {
        return objects.runnableInformer(0).itemStore(new ComparedFieldsStore<>()).run();
    }

    private <T extends HasMetadata> List<T> items(String kind, String ns, Supplier<SharedIndexInformer<T>> start) {
        read.add(ClusterWatches.key(kind, ns));
        return shared.items(kind, ns, start);
    }

    /** A cache is not usable now (not started, not synced, or its watch is down): list instead. */
    public static final class WatchUnavailableException extends RuntimeException {
        WatchUnavailableException() {
            super("watch cache unavailable", null, false, false);
        }
    }
}
