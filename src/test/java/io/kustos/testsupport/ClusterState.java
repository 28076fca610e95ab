package io.kustos.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What Kustos could write in some namespaces, to show that something (a preview) wrote nothing. */
public final class ClusterState {
    private ClusterState() {
    }

    /**
     * Every object Kustos could write in {@code namespaces}, by kind and name, with its resourceVersion (a Deployment's
     * generation: controllers write its status): ConfigMaps, Secrets, Deployments, Jobs, Leases and history Events.
     */
    public static Map<String, String> of(KubernetesClient c, List<String> namespaces) {
        var out = new TreeMap<String, String>();
        for (String ns : namespaces) {
            c.configMaps().inNamespace(ns).list().getItems().forEach(o -> put(out, o, o.getMetadata().getResourceVersion()));
            c.secrets().inNamespace(ns).list().getItems().forEach(o -> put(out, o, o.getMetadata().getResourceVersion()));
            c.apps().deployments().inNamespace(ns).list().getItems().forEach(o -> put(out, o, String.valueOf(o.getMetadata().getGeneration())));
            c.batch().v1().jobs().inNamespace(ns).list().getItems().forEach(o -> put(out, o, o.getMetadata().getResourceVersion()));
            c.leases().inNamespace(ns).list().getItems().forEach(o -> put(out, o, o.getMetadata().getResourceVersion()));
            c.v1().events().inNamespace(ns).list().getItems().stream()
                    .filter(e -> "kustos-history".equals(e.getInvolvedObject().getName()))
                    .forEach(o -> put(out, o, o.getMetadata().getResourceVersion()));
        }
        return out;
    }

    private static void put(Map<String, String> out, HasMetadata o, String version) {
        out.put(o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), version);
    }
}
