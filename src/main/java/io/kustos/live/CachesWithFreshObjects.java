package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The daemon's watch caches ({@link WatchedObjects#caches}) with a few ConfigMaps and Secrets read fresh, one GET each:
 * those a commit changes, whose state under the write lock is the one the caches may not have delivered yet. Every other
 * object is the cache's. A GET that finds nothing takes the object out (deleted since the cache saw it).
 */
public final class CachesWithFreshObjects implements LiveObjects {
    private final LiveObjects caches;
    private final KubernetesClient client;
    private final Collection<ObjectKey> fresh;

    /** @param fresh the ConfigMaps and Secrets to read by a GET each (other kinds are not read fresh) */
    public CachesWithFreshObjects(LiveObjects caches, KubernetesClient client, Collection<ObjectKey> fresh) {
        this.caches = caches;
        this.client = client;
        this.fresh = List.copyOf(fresh);
    }

    @Override
    public List<ConfigMap> configMaps(String namespace) {
        return overlaid(caches.configMaps(namespace), "ConfigMap", namespace,
                name -> client.configMaps().inNamespace(namespace).withName(name).get());
    }

    @Override
    public List<Secret> secrets(String namespace) {
        return overlaid(caches.secrets(namespace), "Secret", namespace,
                name -> client.secrets().inNamespace(namespace).withName(name).get());
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

    /** {@code cached} with each fresh object of {@code kind} in {@code namespace} as a GET finds it now (absent: none). */
    private <T extends HasMetadata> List<T> overlaid(List<T> cached, String kind, String namespace, Function<String, T> get) {
        var names = fresh.stream().filter(k -> k.kind().equals(kind) && k.namespace().equals(namespace)).map(ObjectKey::name).toList();
        if (names.isEmpty()) {
            return cached;
        }
        var objects = new ArrayList<T>(cached.size());
        cached.stream().filter(o -> !names.contains(o.getMetadata().getName())).forEach(objects::add);
        for (String name : names) {
            T now = get.apply(name);
            if (now != null) {
                objects.add(now);
            }
        }
        return objects;
    }
}
