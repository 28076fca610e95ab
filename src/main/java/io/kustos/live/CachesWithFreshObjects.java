package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The daemon's watch caches ({@link WatchedObjects#caches}) with a few ConfigMaps and Secrets read fresh: those a commit
 * changes, whose state under the write lock is the one the caches may not have delivered yet. Every other object is the
 * cache's. A few are read by one GET each (one that finds nothing takes the object out: deleted since the cache saw it);
 * more of a kind in a namespace than {@link #listsAbove} says are read by one list of that kind there instead, which then
 * stands for the cache's objects of that kind (docs/benchmarks.md, "Webhook": a list of 125 ConfigMaps cost about 3 to 6
 * GETs, one of 1,250 about 16).
 */
public final class CachesWithFreshObjects implements LiveObjects {
    private final LiveObjects caches;
    private final KubernetesClient client;
    private final Collection<ObjectKey> fresh;

    /** Below this many fresh objects of a kind in a namespace, GETs cost less than a list, whatever the namespace holds. */
    static final int MOST_GETS = 4;
    /** ... and a list of the kind costs about as much as one GET per this many of its objects there. */
    static final int OBJECTS_PER_GET = 64;

    /** @param fresh the ConfigMaps and Secrets to read fresh (other kinds are not read fresh) */
    public CachesWithFreshObjects(LiveObjects caches, KubernetesClient client, Collection<ObjectKey> fresh) {
        this.caches = caches;
        this.client = client;
        this.fresh = List.copyOf(fresh);
    }

    @Override
    public List<ConfigMap> configMaps(String namespace) {
        return overlaid(caches.configMaps(namespace), "ConfigMap", namespace,
                name -> client.configMaps().inNamespace(namespace).withName(name).get(),
                () -> client.configMaps().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<Secret> secrets(String namespace) {
        return overlaid(caches.secrets(namespace), "Secret", namespace,
                name -> client.secrets().inNamespace(namespace).withName(name).get(),
                () -> client.secrets().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return caches.deployments(namespace);
    }

    @Override
    public List<StatefulSet> statefulSets(String namespace) {
        return caches.statefulSets(namespace);
    }

    @Override
    public List<DaemonSet> daemonSets(String namespace) {
        return caches.daemonSets(namespace);
    }

    /**
     * {@code cached} with each fresh object of {@code kind} in {@code namespace} as a GET finds it now (absent: none), or,
     * for more of them than {@link #listsAbove} allows, what one list of the kind there finds now.
     */
    private <T extends HasMetadata> List<T> overlaid(List<T> cached, String kind, String namespace, Function<String, T> get,
                                                     Supplier<List<T>> list) {
        // a set: a name given twice is read (and returned) once
        Set<String> names = new LinkedHashSet<>();
        fresh.stream().filter(k -> k.kind().equals(kind) && k.namespace().equals(namespace)).forEach(k -> names.add(k.name()));
        if (names.isEmpty()) {
            return cached;
        }
        if (listsAbove(cached.size()) < names.size()) {
            return list.get();
        }
        var objects = new ArrayList<T>(cached.size());
        cached.stream().filter(o -> !names.contains(o.getMetadata().getName())).forEach(objects::add);
        for (String name : names) {
            T now;
            try {
                now = get.apply(name);
            } catch (KubernetesClientException e) {
                throw new FailedGet(kind + " " + namespace + "/" + name, e);
            }
            if (now != null) {
                objects.add(now);
            }
        }
        return objects;
    }

    /** The most fresh objects of a kind read by a GET each, in a namespace where the caches hold {@code cached} of that kind. */
    public static int listsAbove(int cached) {
        return Math.max(MOST_GETS, cached / OBJECTS_PER_GET);
    }
}
