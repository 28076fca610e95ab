package io.kustos.diff;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ConfigMaps and Secrets a pod template uses: envFrom, env valueFrom, volumes and projected
 * volumes, of every container and init container.
 */
public final class ConfigReferences {
    private ConfigReferences() {
    }

    public static SortedSet<ObjectKey> of(PodTemplateSpec template, String namespace) {
        var refs = new TreeSet<ObjectKey>();
        if (template == null || template.getSpec() == null) {
            return refs;
        }
        PodSpec spec = template.getSpec();
        List<Container> containers = new ArrayList<>();
        if (spec.getContainers() != null) {
            containers.addAll(spec.getContainers());
        }
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        for (Container c : containers) {
            if (c.getEnvFrom() != null) {
                c.getEnvFrom().forEach(e -> {
                    if (e.getConfigMapRef() != null) {
                        refs.add(ObjectKey.configMap(namespace, e.getConfigMapRef().getName()));
                    }
                    if (e.getSecretRef() != null) {
                        refs.add(ObjectKey.secret(namespace, e.getSecretRef().getName()));
                    }
                });
            }
            if (c.getEnv() != null) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null).forEach(e -> {
                    if (e.getValueFrom().getConfigMapKeyRef() != null) {
                        refs.add(ObjectKey.configMap(namespace, e.getValueFrom().getConfigMapKeyRef().getName()));
                    }
                    if (e.getValueFrom().getSecretKeyRef() != null) {
                        refs.add(ObjectKey.secret(namespace, e.getValueFrom().getSecretKeyRef().getName()));
                    }
                });
            }
        }
        if (spec.getVolumes() != null) {
            spec.getVolumes().forEach(v -> volume(v, namespace, refs));
        }
        return refs;
    }

    private static void volume(Volume v, String namespace, SortedSet<ObjectKey> refs) {
        if (v.getConfigMap() != null) {
            refs.add(ObjectKey.configMap(namespace, v.getConfigMap().getName()));
        }
        if (v.getSecret() != null) {
            refs.add(ObjectKey.secret(namespace, v.getSecret().getSecretName()));
        }
        if (v.getProjected() != null && v.getProjected().getSources() != null) {
            v.getProjected().getSources().forEach(s -> {
                if (s.getConfigMap() != null) {
                    refs.add(ObjectKey.configMap(namespace, s.getConfigMap().getName()));
                }
                if (s.getSecret() != null) {
                    refs.add(ObjectKey.secret(namespace, s.getSecret().getName()));
                }
            });
        }
    }
}
