package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object as far as the compare with git reads it ({@link LiveStateReader}, {@link FingerprintKey}),
 * which is all the daemon's watch caches keep of it ({@link ComparedFieldsStore}): its name, namespace,
 * uid, resourceVersion, labels and annotations; a ConfigMap's or Secret's data (and a Secret's type);
 * a workload's pod template, and what says whether it rolled out ({@link io.kustos.rollout.RolloutProgress}:
 * generation, replicas, status). Of a ConfigMap's or Secret's {@code metadata.managedFields}, each
 * manager's operation and the parts of its field set that {@link OwnedFields} reads ({@code f:data},
 * {@code f:binaryData}, {@code f:metadata}'s {@code f:labels} and {@code f:annotations}); not their
 * times nor the rest of the field sets; of a workload, neither its managed fields nor the rest of its spec. These are most of a Deployment's
 * bytes, and the caches hold every object the daemon's environments read, for as long as it runs.
 */
final class ComparedFields {
    private static final List<String> OWNED_PARTS = List.of("f:data", "f:binaryData");
    private static final List<String> OWNED_METADATA = List.of("f:labels", "f:annotations");

    private ComparedFields() {
    }

    /** What the compare reads of {@code o}: a new object sharing its kept parts; any other kind as it is. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T of(T o) {
        HasMetadata kept;
        if (o instanceof ConfigMap cm) {
            var c = new ConfigMap();
            c.setData(cm.getData());
            c.setBinaryData(cm.getBinaryData());
            c.setImmutable(cm.getImmutable());
            kept = c;
        } else if (o instanceof Secret s) {
            var c = new Secret();
            c.setType(s.getType());
            c.setData(s.getData());
            c.setImmutable(s.getImmutable());
            kept = c;
        } else if (o instanceof Deployment d) {
            var c = new Deployment();
            var spec = new DeploymentSpec();
            spec.setTemplate(d.getSpec() == null ? null : d.getSpec().getTemplate());
            spec.setReplicas(d.getSpec() == null ? null : d.getSpec().getReplicas());
            c.setSpec(d.getSpec() == null ? null : spec);
            c.setStatus(d.getStatus()); // whether it rolled out (RolloutProgress)
            kept = c;
        } else if (o instanceof StatefulSet d) {
            var c = new StatefulSet();
            var spec = new StatefulSetSpec();
            spec.setTemplate(d.getSpec() == null ? null : d.getSpec().getTemplate());
            spec.setReplicas(d.getSpec() == null ? null : d.getSpec().getReplicas());
            c.setSpec(d.getSpec() == null ? null : spec);
            c.setStatus(d.getStatus()); // whether it rolled out (RolloutProgress)
            kept = c;
        } else if (o instanceof DaemonSet d) {
            var c = new DaemonSet();
            var spec = new DaemonSetSpec();
            spec.setTemplate(d.getSpec() == null ? null : d.getSpec().getTemplate());
            c.setSpec(d.getSpec() == null ? null : spec);
            c.setStatus(d.getStatus()); // whether it rolled out (RolloutProgress)
            kept = c;
        } else {
            return o;
        }
        kept.setMetadata(metadata(o.getMetadata(), o instanceof ConfigMap || o instanceof Secret));
        return (T) kept;
    }

    /** @param owned whether to keep the managed fields ({@link OwnedFields} reads a ConfigMap's and a Secret's, not a workload's) */
    private static ObjectMeta metadata(ObjectMeta m, boolean owned) {
        if (m == null) {
            return null;
        }
        var kept = new ObjectMeta();
        kept.setName(m.getName());
        kept.setNamespace(m.getNamespace());
        kept.setUid(m.getUid());
        kept.setGeneration(m.getGeneration());
        kept.setResourceVersion(m.getResourceVersion());
        kept.setLabels(m.getLabels());
        kept.setAnnotations(m.getAnnotations());
        kept.setManagedFields(owned ? ownership(m.getManagedFields()) : null);
        return kept;
    }

    /** Each field manager's operation and the parts of its field set that {@link OwnedFields} reads; null when none has any. */
    private static List<ManagedFieldsEntry> ownership(List<ManagedFieldsEntry> entries) {
        if (entries == null) {
            return null;
        }
        var kept = new ArrayList<ManagedFieldsEntry>();
        for (ManagedFieldsEntry e : entries) {
            Map<String, Object> parts = e.getFieldsV1() == null ? Map.of() : ownedParts(e.getFieldsV1().getAdditionalProperties());
            if (!parts.isEmpty()) {
                var fields = new FieldsV1();
                parts.forEach(fields::setAdditionalProperty);
                var entry = new ManagedFieldsEntry();
                entry.setManager(e.getManager());
                entry.setOperation(e.getOperation());
                entry.setFieldsV1(fields);
                kept.add(entry);
            }
        }
        return kept.isEmpty() ? null : kept;
    }

    /**
     * The keys of a field set under {@code f:data}, {@code f:binaryData} and {@code f:metadata}'s
     * {@code f:labels} and {@code f:annotations}, each mapped to one shared empty map: what lies below
     * them (an empty map per key, as the API server sends it) is not read, and was most of the cache's maps.
     */
    private static Map<String, Object> ownedParts(Map<String, Object> set) {
        var kept = new LinkedHashMap<String, Object>();
        OWNED_PARTS.forEach(p -> {
            if (set.get(p) instanceof Map<?, ?> keys) {
                kept.put(p, keysOnly(keys));
            }
        });
        if (set.get("f:metadata") instanceof Map<?, ?> metadata) {
            var keptMetadata = new LinkedHashMap<String, Object>();
            OWNED_METADATA.forEach(p -> {
                if (metadata.get(p) instanceof Map<?, ?> keys) {
                    keptMetadata.put(p, keysOnly(keys));
                }
            });
            if (!keptMetadata.isEmpty()) {
                kept.put("f:metadata", Map.copyOf(keptMetadata));
            }
        }
        return kept;
    }

    private static Map<Object, Object> keysOnly(Map<?, ?> fields) {
        return fields.keySet().stream().filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k, k -> Map.of()));
    }
}
