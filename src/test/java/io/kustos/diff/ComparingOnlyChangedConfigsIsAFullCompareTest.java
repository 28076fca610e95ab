package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
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
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 point 3: when the cluster holds the last good revision's configs (in sync, unchanged
 * since), comparing only the configs the new revision renders differently ({@link ChangedConfigs})
 * gives the diff of comparing them all: the same changes, prunes and workloads, for random revisions
 * (values set, keys added and removed, configs added, removed, moved to another file, relabelled; with
 * pruning on or off).
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

    @Property(tries = 300)
    void theChangedConfigsAloneDiffAsAll(@ForAll @Size(max = 12) List<@From("edits") Edit> before,
                                         @ForAll @Size(max = 6) List<@From("edits") Edit> after,
                                         @ForAll boolean prune) {
        var configs = new LinkedHashMap<ObjectKey, DesiredConfig>();
        before.forEach(e -> e.applyTo(configs));
        DesiredState good = DiffFixtures.state(new ArrayList<>(configs.values()), List.of());
        LiveState live = inSyncWith(good);
        var differ = new Differ(prune, true);
        assertTrue(differ.diff(good, live).isEmpty(), "the premise: the cluster holds the last good revision");

        after.forEach(e -> e.applyTo(configs));
        DesiredState next = DiffFixtures.state(new ArrayList<>(configs.values()), List.of());
        assertEquals(differ.diff(next, live), differ.diff(next, live, ChangedConfigs.between(good, next)));
    }

    /** The live state of a cluster Kustos brought to {@code desired}: its values, labels and ownership. */
    private static LiveState inSyncWith(DesiredState desired) {
        var configs = new HashMap<ObjectKey, LiveConfig>();
        for (DesiredConfig d : desired.configs()) {
            var annotations = new TreeMap<String, String>();
            annotations.put(Labels.REVISION, "config=old;releases=old");
            configs.put(d.key(), new LiveConfig(d.key(), d.type(), new TreeMap<>(d.labels()), annotations, new TreeMap<>(d.entries()),
                    d.entries().keySet(), d.labels().keySet(), java.util.Set.of(Labels.REVISION, Labels.AUTHOR)));
        }
        return new LiveState(configs, Map.of(), DiffFixtures.KEYED);
    }

    private static ConfigValue asValue(boolean secret, String v) {
        return secret ? ConfigValue.bytes(v.getBytes(StandardCharsets.UTF_8)) : ConfigValue.text(v);
    }
}
