package io.kustos.live;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiErrors;
import io.kustos.cluster.ApplyException;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.live.SecretFingerprints;
import io.kustos.failure.KustosException;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredState;
import io.kustos.render.ObjectKey;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads what the cluster has for one desired state: one list request per kind and namespace
 * (ConfigMaps and Secrets always in the target's namespace, to find what to prune), never a GET
 * per object; or the same from the daemon's watch caches ({@link WatchedObjects}). The target's
 * {@code kustos-history} ConfigMap comes in the same list, so reading the history costs no request
 * of its own; so does the {@link FingerprintKey}, which is never part of the live state (never diffed
 * nor pruned).
 */
public final class LiveStateReader {
    /** The ConfigMap a target's history is kept in ({@code io.kustos.history.HistoryStore}), read along with the configs. */
    public static final String HISTORY = "kustos-history";
    /** The label of a part ConfigMap of the history ({@code io.kustos.history.HistoryParts}): only it makes one a part, not its name. */
    public static final String HISTORY_PART_LABEL = "kustos.io/history-part";

    private final LiveObjects objects;
    private final java.net.URL server;

    /**
     * @param state   the objects to diff
     * @param history      the target's kustos-history ConfigMap as listed, with its resourceVersion (null: none yet)
     * @param historyParts the part ConfigMaps ({@link #historyPart}) listed with it, which hold the records it does not
     */
    public record Found(LiveState state, ConfigMap history, List<ConfigMap> historyParts) {
        public Found {
            historyParts = historyParts == null ? List.of() : List.copyOf(historyParts);
        }

        public Found(LiveState state, ConfigMap history) {
            this(state, history, List.of());
        }
    }

    public LiveStateReader(KubernetesClient client) {
        this(LiveObjects.listing(client), client.getMasterUrl());
    }

    public LiveStateReader(LiveObjects objects) {
        this(objects, null);
    }

    private LiveStateReader(LiveObjects objects, java.net.URL server) {
        this.objects = objects;
        this.server = server;
    }

    /**
     * Whether {@code o} is a part ConfigMap of a history: labelled {@link #HISTORY_PART_LABEL}. A ConfigMap merely named
     * {@code kustos-history-…} (a user's, managed from git) is not one.
     */
    public static boolean historyPart(HasMetadata o) {
        return o instanceof ConfigMap && o.getMetadata() != null && o.getMetadata().getLabels() != null
                && o.getMetadata().getLabels().containsKey(HISTORY_PART_LABEL);
    }

    /** Whether {@code o} is a history's ConfigMap ({@link #HISTORY}) or one of its parts ({@link #historyPart}). */
    public static boolean historyOrPart(HasMetadata o) {
        return o instanceof ConfigMap && o.getMetadata() != null && (HISTORY.equals(o.getMetadata().getName()) || historyPart(o));
    }

    public Found read(DesiredState desired) {
        ConfigMap[] history = new ConfigMap[1];
        var historyParts = new java.util.ArrayList<ConfigMap>();
        SecretFingerprints[] fingerprints = {SecretFingerprints.NONE};
        var configs = new HashMap<ObjectKey, LiveConfig>();
        var workloads = new HashMap<ObjectKey, LiveWorkload>();
        Set<String> configNamespaces = new TreeSet<>();
        configNamespaces.add(desired.namespace());
        desired.configs().forEach(c -> configNamespaces.add(c.key().namespace()));
        for (String ns : configNamespaces) {
            for (ConfigMap cm : list("configmaps", ns, () -> objects.configMaps(ns))) {
                if (ns.equals(desired.namespace()) && HISTORY.equals(cm.getMetadata().getName())) {
                    history[0] = cm;
                } else if (ns.equals(desired.namespace()) && historyPart(cm)) {
                    historyParts.add(cm);
                }
                put(configs, configMap(cm));
            }
            for (Secret s : list("secrets", ns, () -> objects.secrets(ns))) {
                if (FingerprintKey.is(s, desired.namespace())) {
                    fingerprints[0] = FingerprintKey.read(s);
                } else {
                    put(configs, secret(s));
                }
            }
        }
        var kinds = new TreeSet<String>();
        desired.workloads().forEach(w -> kinds.add(w.key().kind() + "/" + w.key().namespace()));
        for (String kindNs : kinds) {
            String kind = kindNs.substring(0, kindNs.indexOf('/'));
            String ns = kindNs.substring(kindNs.indexOf('/') + 1);
            switch (kind) {
                case "Deployment" -> list("deployments", ns, () -> objects.deployments(ns))
                        .forEach(d -> putW(workloads, workload(d, d.getSpec().getTemplate())));
                case "StatefulSet" -> list("statefulsets", ns, () -> objects.statefulSets(ns))
                        .forEach(d -> putW(workloads, workload(d, d.getSpec().getTemplate())));
                case "DaemonSet" -> list("daemonsets", ns, () -> objects.daemonSets(ns))
                        .forEach(d -> putW(workloads, workload(d, d.getSpec().getTemplate())));
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return new Found(new LiveState(configs, workloads, fingerprints[0]), history[0], historyParts);
    }

    private <T> List<T> list(String what, String ns, java.util.function.Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            // a fresh object's GET (CachesWithFreshObjects) names that object, not the list the caches stand for
            String object = e instanceof FailedGet get ? get.object() : new ObjectKey("v1", what, ns, "*").toString();
            KustosException k = ApiErrors.classify(e, server, object, e instanceof FailedGet ? "get" : "list", UnaryOperator.identity());
            String cannot = e instanceof FailedGet get ? "cannot get " + get.object() : "cannot list " + what + " in namespace " + ns;
            if (k instanceof ApplyException refused) {
                throw new ApplyException(cannot + ": " + ApiErrors.serverMessage(e, server), refused.reason());
            }
            // a 500's or 503's own message rarely says which it was: name the status
            String message = cannot + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "") + ": " + ApiErrors.serverMessage(e, server);
            if (k instanceof WaitingException throttled) {
                // a 429: the daemon's next attempt waits the delay the server asked for, as for a throttled dry run
                throw new WaitingException(message, throttled.reason(), throttled.retryAfter());
            }
            throw new TransientException(message, FailureReason.CLUSTER_UNREACHABLE, null);
        }
    }

    private static void put(Map<ObjectKey, LiveConfig> map, LiveConfig c) {
        map.put(c.key(), c);
    }

    private static void putW(Map<ObjectKey, LiveWorkload> map, LiveWorkload w) {
        map.put(w.key(), w);
    }

    static LiveConfig configMap(ConfigMap cm) {
        var entries = new TreeMap<String, ConfigValue>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> entries.put(k, ConfigValue.text(v == null ? "" : v)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> entries.put(k, ConfigValue.bytes(Base64.getDecoder().decode(v))));
        }
        var owned = OwnedFields.of(cm.getMetadata(), OwnedFields.KUSTOS);
        var ownedEntries = new TreeSet<>(owned.keys("data"));
        ownedEntries.addAll(owned.keys("binaryData"));
        var managers = OwnedFields.otherManagers(cm.getMetadata(), OwnedFields.KUSTOS, "data");
        managers.putAll(OwnedFields.otherManagers(cm.getMetadata(), OwnedFields.KUSTOS, "binaryData"));
        return live(cm, null, entries, ownedEntries, owned, managers);
    }

    static LiveConfig secret(Secret s) {
        var entries = new TreeMap<String, ConfigValue>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> entries.put(k, ConfigValue.bytes(Base64.getDecoder().decode(v == null ? "" : v))));
        }
        var owned = OwnedFields.of(s.getMetadata(), OwnedFields.KUSTOS);
        return live(s, s.getType() == null ? "Opaque" : s.getType(), entries, owned.keys("data"), owned,
                OwnedFields.otherManagers(s.getMetadata(), OwnedFields.KUSTOS, "data"));
    }

    private static LiveConfig live(HasMetadata o, String type, SortedMap<String, ConfigValue> entries, Set<String> ownedEntries,
                                   OwnedFields owned, SortedMap<String, java.util.SortedSet<String>> managers) {
        var key = new ObjectKey("v1", o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
        return new LiveConfig(key, type, sorted(o.getMetadata().getLabels()), sorted(o.getMetadata().getAnnotations()),
                entries, ownedEntries, owned.keys("metadata", "labels"), owned.keys("metadata", "annotations"),
                o.getMetadata().getResourceVersion(), managers);
    }

    static LiveWorkload workload(HasMetadata o, PodTemplateSpec template) {
        var images = new TreeMap<String, String>();
        if (template != null && template.getSpec() != null && template.getSpec().getContainers() != null) {
            template.getSpec().getContainers().forEach(c -> images.put(c.getName(), c.getImage()));
        }
        var key = new ObjectKey("apps/v1", o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
        return new LiveWorkload(key, images, sorted(o.getMetadata().getAnnotations()), template);
    }

    private static SortedMap<String, String> sorted(Map<String, String> m) {
        return m == null ? new TreeMap<>() : new TreeMap<>(m);
    }

}
