package io.kustos.diff;

import io.kustos.failure.FailureReason;
import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.render.DesiredConfig;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.kustos.diff.DiffFixtures.configMap;
import static io.kustos.diff.DiffFixtures.live;
import static io.kustos.diff.DiffFixtures.secret;
import static io.kustos.diff.DiffFixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What sync.prune deletes, and the prune guard. The cluster holds staging's ConfigMap and Secret
 * (both Kustos labels), a ConfigMap of production's and a Secret Kustos never labelled, in the same
 * namespace; git renders {@code rendered} of staging's two.
 */
class PruneRuleTest {
    private static final DesiredConfig CM = configMap(Map.of("a", "1"));
    private static final DesiredConfig SECRET = secret(Map.of("s", "x"));
    private static final ObjectKey PRODUCTIONS = ObjectKey.configMap("staging", "production-config");
    private static final ObjectKey FOREIGN = ObjectKey.secret("staging", "someone-elses");

    @ParameterizedTest(name = "prune={0} allowPruneAll={1}, git renders [{2}]: {3}")
    @CsvSource({
            // prune, allowPruneAll, rendered, pruned (or refused)
            "false, false, ,           ''",          // prune off: nothing, not even with git rendering none
            "false, true,  CM,         ''",
            "true,  false, CM SECRET,  ''",          // git still has both
            "true,  false, CM,         SECRET",      // a partial prune is fine
            "true,  false, SECRET,     CM",
            "true,  false, ,           refused",     // every object: a broken checkout?
            "true,  true,  ,           CM SECRET",   // unless allowed
    })
    void prunesOnlyStagingsObjectsGitNoLongerHas(boolean prune, boolean allowPruneAll, String rendered, String expected) {
        var rule = new PruneRule(prune, allowPruneAll);
        var desired = state(words(rendered).stream().map(w -> w.equals("CM") ? CM : SECRET).toList(), List.of());
        if (expected.equals("refused")) {
            var e = assertThrows(DiffException.class, () -> rule.prunes(desired, cluster()));
            assertEquals(FailureReason.PRUNE_GUARD, e.reason());
            assertTrue(e.getMessage().startsWith("staging: git renders no ConfigMap or Secret for this environment"), e.getMessage());
            assertTrue(e.getMessage().contains("(2 objects)") && e.getMessage().contains("sync.allowPruneAll: true"), e.getMessage());
            return;
        }
        List<ObjectKey> pruned = rule.prunes(desired, cluster()).stream().map(LiveConfig::key).toList();
        assertEquals(words(expected).stream().map(w -> w.equals("CM") ? CM.key() : SECRET.key()).toList(), pruned);
    }

    /** Nothing of staging's left in the cluster: nothing to prune, nothing to guard. */
    @ParameterizedTest(name = "allowPruneAll={0}")
    @CsvSource({"false", "true"})
    void anEmptyEnvironmentPrunesNothing(boolean allowPruneAll) {
        var others = new HashMap<>(cluster().configs());
        others.remove(CM.key());
        others.remove(SECRET.key());
        assertEquals(List.of(), new PruneRule(true, allowPruneAll).prunes(state(List.of(), List.of()), new LiveState(others, Map.of())));
    }

    private static LiveState cluster() {
        var configs = new HashMap<ObjectKey, LiveConfig>();
        for (DesiredConfig d : List.of(CM, SECRET)) {
            configs.put(d.key(), live(d, d.entries(), d.entries().keySet()));
        }
        var production = new TreeMap<>(DiffFixtures.labels());
        production.put(Labels.ENVIRONMENT, "production");
        configs.put(PRODUCTIONS, new LiveConfig(PRODUCTIONS, null, production, new TreeMap<>(), new TreeMap<>(), Set.of(),
                production.keySet(), Set.of(), "1", new TreeMap<>()));
        configs.put(FOREIGN, new LiveConfig(FOREIGN, "Opaque", new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Set.of(),
                Set.of(), Set.of(), "1", new TreeMap<>()));
        return new LiveState(configs, Map.of());
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(text.trim().split(" +")));
    }
}
