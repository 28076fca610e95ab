package io.kustos.diff;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 point 3: when the cluster holds the last good revision's configs (in sync, unchanged
 * since), comparing only the configs the new revision renders differently ({@link ChangedConfigs})
 * gives the diff of comparing them all: the same changes, prunes and workloads, for random revisions
 * (values set, keys added and removed, configs added, removed, moved to another file, relabelled; with
 * pruning on or off), with workloads that use some of the configs (their config hashes are over every
 * managed config they reference, changed or not).
 */
class ComparingOnlyChangedConfigsIsAFullCompareTest {
    private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
    private static final List<String> KEYS = List.of("k1", "k2", "k3");

    /** One edit of the next revision: what it does to one config. */
    record Edit(String kind, String name, boolean secret, String key, String value) {
        void applyTo(Map<ObjectKey, DesiredConfig> configs) {
            ObjectKey id = secret ? ObjectKey.secret("staging", name) : ObjectKey.configMap("staging", name);
            DesiredConfig d = configs.get(id);
            var entries = d == null ? new TreeMap<String, ConfigValue>() : new TreeMap<>(d.entries());
            var labels = d == null ? DiffFixtures.labels() : new TreeMap<>(d.labels());
            String file = d == null ? "config:" + name + ".yaml" : d.file();
            switch (kind) {
                case "set" -> entries.put(key, asValue(secret, value));
                case "remove-key" -> entries.remove(key);
                case "remove" -> {
                    configs.remove(id);
                    return;
                }
                case "move" -> file = "config:moved/" + name + ".yaml";
                case "label" -> labels.put("team", value);
                default -> throw new IllegalArgumentException(kind);
            }
            configs.put(id, new DesiredConfig(id, secret ? "Opaque" : null, labels, new TreeMap<>(), entries, file));
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.of("set", "set", "set", "remove-key", "remove", "move", "label"), Arbitraries.of(NAMES),
                Arbitraries.of(true, false), Arbitraries.of(KEYS), Arbitraries.of("1", "2", "3")).as(Edit::new);
    }

    /** A workload's use of a config (envFrom): by name, a ConfigMap or a Secret, managed or not. */
    record Use(String name, boolean secret) {
    }

    @Provide
    Arbitrary<Use> uses() {
        return Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(true, false)).as(Use::new);
    }

    @Property(tries = 300)
    void theChangedConfigsAloneDiffAsAll(@ForAll @Size(max = 12) List<@From("edits") Edit> before,
                                         @ForAll @Size(max = 6) List<@From("edits") Edit> after,
                                         @ForAll @Size(max = 3) List<@Size(max = 3) Set<@From("uses") Use>> workloadUses,
                                         @ForAll boolean prune) {
        var workloads = new ArrayList<DesiredWorkload>();
        var templates = new HashMap<ObjectKey, PodTemplateSpec>();
        for (int i = 0; i < workloadUses.size(); i++) {
            var w = new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", "staging", "w" + i), new TreeMap<>(Map.of("app", "r/app:1")),
                    "releases:r.yaml");
            workloads.add(w);
            templates.put(w.key(), using(workloadUses.get(i)));
        }
        var configs = new LinkedHashMap<ObjectKey, DesiredConfig>();
        before.forEach(e -> e.applyTo(configs));
        DesiredState good = DiffFixtures.state(new ArrayList<>(configs.values()), workloads);
        LiveState live = inSyncWith(good, templates);
        var differ = new Differ(prune, true);
        assertTrue(differ.diff(good, live).isEmpty(), "the premise: the cluster holds the last good revision");

        after.forEach(e -> e.applyTo(configs));
        DesiredState next = DiffFixtures.state(new ArrayList<>(configs.values()), workloads);
        assertEquals(differ.diff(next, live), differ.diff(next, live, ChangedConfigs.between(good, next)));
    }

    /** A pod template that takes its environment from {@code uses}. */
    private static PodTemplateSpec using(Set<Use> uses) {
        var container = new ContainerBuilder().withName("app").withImage("r/app:1");
        for (Use u : uses) {
            if (u.secret()) {
                container.addNewEnvFrom().withNewSecretRef().withName(u.name()).endSecretRef().endEnvFrom();
            } else {
                container.addNewEnvFrom().withNewConfigMapRef().withName(u.name()).endConfigMapRef().endEnvFrom();
            }
        }
        return new PodTemplateSpecBuilder().withNewSpec().addToContainers(container.build()).endSpec().build();
    }

    /**
     * The live state of a cluster Kustos brought to {@code desired}: its values, labels and ownership, and its workloads
     * ({@code templates}) at their images with the config hash over what they use.
     */
    private static LiveState inSyncWith(DesiredState desired, Map<ObjectKey, PodTemplateSpec> templates) {
        var configs = new HashMap<ObjectKey, LiveConfig>();
        for (DesiredConfig d : desired.configs()) {
            var annotations = new TreeMap<String, String>();
            annotations.put(Labels.REVISION, "config=old;releases=old");
            configs.put(d.key(), new LiveConfig(d.key(), d.type(), new TreeMap<>(d.labels()), annotations, new TreeMap<>(d.entries()),
                    d.entries().keySet(), d.labels().keySet(), Set.of(Labels.REVISION, Labels.AUTHOR)));
        }
        var managed = new HashMap<ObjectKey, DesiredConfig>();
        desired.configs().forEach(c -> managed.put(c.key(), c));
        var workloads = new HashMap<ObjectKey, LiveWorkload>();
        for (DesiredWorkload w : desired.workloads()) {
            var template = new PodTemplateSpecBuilder(templates.get(w.key())).build();
            String hash = ConfigHash.of(ConfigReferences.of(template, w.key().namespace()), managed, DiffFixtures.KEYED);
            if (hash != null) {
                template.setMetadata(new ObjectMetaBuilder().addToAnnotations(Labels.CONFIG_HASH, hash).build());
            }
            workloads.put(w.key(), new LiveWorkload(w.key(), new TreeMap<>(w.images()), new TreeMap<>(), template));
        }
        return new LiveState(configs, workloads, DiffFixtures.KEYED);
    }

    private static ConfigValue asValue(boolean secret, String v) {
        return secret ? ConfigValue.bytes(v.getBytes(StandardCharsets.UTF_8)) : ConfigValue.text(v);
    }
}
