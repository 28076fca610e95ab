package io.kustos.diff;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Only workloads whose referenced ConfigMaps/Secrets changed get a new config hash, and so restart. */
class ConfigHashRestartsOnlyUsersTest {
    private final Differ differ = new Differ();

    private static DesiredConfig cm(String name, String value) {
        return new DesiredConfig(ObjectKey.configMap("staging", name), null, labels(), new TreeMap<>(),
                new TreeMap<>(Map.of("K", ConfigValue.text(value))), "config:x.yaml");
    }

    private static PodTemplateSpec usingEnvFrom(String cm) {
        return new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("app").withImage("r/app:1")
                .addNewEnvFrom().withNewConfigMapRef().withName(cm).endConfigMapRef().endEnvFrom().endContainer().endSpec().build();
    }

    private static PodTemplateSpec usingEverything() {
        return new PodTemplateSpecBuilder().withNewSpec()
                .addNewInitContainer().withName("init").withImage("r/init:1")
                .addNewEnv().withName("X").withNewValueFrom().withNewSecretKeyRef().withName("s-env").withKey("K").endSecretKeyRef().endValueFrom().endEnv()
                .endInitContainer()
                .addNewContainer().withName("app").withImage("r/app:1")
                .addNewEnv().withName("Y").withNewValueFrom().withNewConfigMapKeyRef().withName("cm-env").withKey("K").endConfigMapKeyRef().endValueFrom().endEnv()
                .endContainer()
                .addNewVolume().withName("v").withNewConfigMap().withName("cm-vol").endConfigMap().endVolume()
                .addNewVolume().withName("s").withNewSecret().withSecretName("s-vol").endSecret().endVolume()
                .addNewVolume().withName("p").withNewProjected().addNewSource().withNewConfigMap().withName("cm-proj").endConfigMap().endSource()
                .addNewSource().withNewSecret().withName("s-proj").endSecret().endSource().endProjected().endVolume()
                .endSpec().build();
    }

    private static LiveWorkload live(String name, PodTemplateSpec template, String hash) {
        if (hash != null) {
            template.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().addToAnnotations(Labels.CONFIG_HASH, hash).build());
        }
        return new LiveWorkload(new ObjectKey("apps/v1", "Deployment", "staging", name), new TreeMap<>(Map.of("app", "r/app:1")),
                new TreeMap<>(), template);
    }

    private static DesiredWorkload workload(String name) {
        return new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", "staging", name), new TreeMap<>(Map.of("app", "r/app:1")), "releases:r.yaml");
    }

    @Test
    void changingOneConfigMapRestartsExactlyTheWorkloadsThatUseIt() {
        var before = List.of(cm("shared", "1"), cm("other", "1"), cm("unused", "1"));
        var after = List.of(cm("shared", "2"), cm("other", "1"), cm("unused", "1"));
        var uses = Map.of("a", "shared", "b", "shared", "c", "other", "d", "none", "e", "other");
        var workloads = uses.keySet().stream().sorted().map(ConfigHashRestartsOnlyUsersTest::workload).toList();

        // first: hashes as they are after applying `before`
        var live = new HashMap<ObjectKey, LiveWorkload>();
        for (var e : uses.entrySet()) {
            live.put(workload(e.getKey()).key(), live(e.getKey(), usingEnvFrom(e.getValue()), null));
        }
        var first = differ.diff(state(before, workloads), new LiveState(Map.of(), live));
        var hashes = new HashMap<String, String>();
        first.workloads().forEach(w -> hashes.put(w.key().name(), w.newHash()));
        assertNull(hashes.get("d"), "a workload using no managed config gets no hash");
        assertFalse(hashes.containsKey("d"));

        var settled = new HashMap<ObjectKey, LiveWorkload>();
        for (var e : uses.entrySet()) {
            settled.put(workload(e.getKey()).key(), live(e.getKey(), usingEnvFrom(e.getValue()), hashes.get(e.getKey())));
        }
        assertTrue(differ.diff(state(before, workloads), new LiveState(Map.of(), settled)).workloads().isEmpty(), "re-applying restarts nothing");

        var changed = differ.diff(state(after, workloads), new LiveState(Map.of(), settled)).workloads();
        assertEquals(List.of("a", "b"), changed.stream().map(w -> w.key().name()).sorted().toList());
        assertTrue(changed.stream().allMatch(w -> w.restartsForConfig() && !w.newVersion()));

        var unusedOnly = List.of(cm("shared", "1"), cm("other", "1"), cm("unused", "2"));
        assertTrue(differ.diff(state(unusedOnly, workloads), new LiveState(Map.of(), settled)).workloads().isEmpty(),
                "a change to a ConfigMap no one uses restarts none");
        String reverted = differ.diff(state(before, workloads), new LiveState(Map.of(), settled)).workloads().stream()
                .findFirst().map(WorkloadChange::newHash).orElse(hashes.get("a"));
        assertEquals(hashes.get("a"), reverted, "same content, same hash");
    }

    @Test
    void everyKindOfReferenceCounts() {
        var refs = ConfigReferences.of(usingEverything(), "staging");
        assertEquals(List.of("configmap/staging/cm-env", "configmap/staging/cm-proj", "configmap/staging/cm-vol",
                "secret/staging/s-env", "secret/staging/s-proj", "secret/staging/s-vol"), refs.stream().map(ObjectKey::toString).toList());
    }
    /** A hash over a Secret's values is keyed: whoever may read the Deployment or its pods cannot test a guessed PIN against it. */
    @Test
    void theHashOfAWorkloadUsingASecretIsKeyed() {
        var template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("app").withImage("r/app:1")
                .addNewEnvFrom().withNewSecretRef().withName("door").endSecretRef().endEnvFrom().endContainer().endSpec().build();
        var refs = ConfigReferences.of(template, "staging");
        var pin = new DesiredConfig(ObjectKey.secret("staging", "door"), "Opaque", labels(), new TreeMap<>(),
                new TreeMap<>(Map.of("PIN", ConfigValue.bytes("493817".getBytes()))), "config:s.yaml");
        Map<ObjectKey, DesiredConfig> managed = Map.of(pin.key(), pin);

        String keyed = ConfigHash.of(refs, managed, KEYED);
        assertTrue(keyed.matches("hmac:[0-9a-f]{64}"), keyed);
        assertEquals(keyed, ConfigHash.of(refs, managed, KEYED), "same content, same hash");
        assertNotEquals(keyed, ConfigHash.of(refs, managed, SecretFingerprints.keyed(new byte[32])), "another key, another hash");

        var workload = new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", "staging", "app"), new TreeMap<>(Map.of("app", "r/app:1")),
                "releases:r.yaml");
        var live = new LiveWorkload(workload.key(), new TreeMap<>(Map.of("app", "r/app:1")), new TreeMap<>(), template);
        var change = differ.diff(state(List.of(pin), List.of(workload)), new LiveState(Map.of(), Map.of(workload.key(), live), KEYED))
                .workloads().get(0);
        assertEquals(keyed, change.newHash(), "the Differ sets the keyed hash");
        assertTrue(ConfigHash.of(ConfigReferences.of(usingEnvFrom("shared"), "staging"), Map.of(cm("shared", "1").key(), cm("shared", "1")), KEYED)
                .startsWith("sha256:"), "ConfigMaps only: nothing secret, the hash stays as it was");
    }

    /**
     * Without a key (before the first apply) the hash over a Secret is a placeholder, never an
     * unkeyed digest that would let a reader of `kustos diff` test guesses of the PIN offline;
     * the workload still shows as restarting, and the placeholder is never written.
     */
    @Test
    void withoutAKeyTheHashOverASecretIsNeverAnUnkeyedDigest() {
        var template = new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("app").withImage("r/app:1")
                .addNewEnvFrom().withNewSecretRef().withName("door").endSecretRef().endEnvFrom()
                .addNewEnvFrom().withNewConfigMapRef().withName("shared").endConfigMapRef().endEnvFrom().endContainer().endSpec().build();
        var refs = ConfigReferences.of(template, "staging");
        var pin = new DesiredConfig(ObjectKey.secret("staging", "door"), "Opaque", labels(), new TreeMap<>(),
                new TreeMap<>(Map.of("PIN", ConfigValue.bytes("493817".getBytes()))), "config:s.yaml");
        Map<ObjectKey, DesiredConfig> managed = Map.of(pin.key(), pin, cm("shared", "1").key(), cm("shared", "1"));

        for (String hash : List.of(ConfigHash.of(refs, managed), ConfigHash.of(refs, managed, SecretFingerprints.NONE))) {
            assertEquals(ConfigHash.PENDING, hash);
            assertFalse(hash.matches("(?s).*[0-9a-f]{8}.*"), "no digest at all: " + hash);
        }
        assertThrows(IllegalStateException.class, () -> ConfigHash.forWriting(ConfigHash.PENDING), "never written");

        var workload = new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", "staging", "app"), new TreeMap<>(Map.of("app", "r/app:1")),
                "releases:r.yaml");
        var live = new LiveWorkload(workload.key(), new TreeMap<>(Map.of("app", "r/app:1")), new TreeMap<>(), template);
        var change = differ.diff(state(List.of(pin, cm("shared", "1")), List.of(workload)), new LiveState(Map.of(), Map.of(workload.key(), live)))
                .workloads().get(0);
        assertEquals(ConfigHash.PENDING, change.newHash());
        assertTrue(change.restartsForConfig(), "the first apply keys the hash, so the workload restarts");
    }
}
