package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;

/** Live objects for a test: {@code configMaps} in one namespace, nothing else. */
public record ConfigMapsOnly(String namespace, List<ConfigMap> configMaps) implements LiveObjects {
    @Override
    public List<ConfigMap> configMaps(String ns) {
        return namespace.equals(ns) ? configMaps : List.of();
    }

    @Override
    public List<Secret> secrets(String ns) {
        return List.of();
    }

    @Override
    public List<Deployment> deployments(String ns) {
        return List.of();
    }

    @Override
    public List<StatefulSet> statefulSets(String ns) {
        return List.of();
    }

    @Override
    public List<DaemonSet> daemonSets(String ns) {
        return List.of();
    }
}
