package io.kustos.reconcile.preview;

import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.DesiredState;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 point 5, the false positive: what a pull request changes is what its head's render
 * changes from the render of the commit it forked from, not what it would change in the cluster.
 * The branch changed key {@code K} (merged, not applied yet: it waits for promotion, or was not
 * polled): a pull request that leaves {@code K} alone does not change it; one that sets it otherwise
 * does, as one that adds or removes keys, objects or workloads, or bumps an image.
 */
class APullRequestChangesOnlyWhatItsHeadChangesTest {
    private static final ObjectKey APP_CONFIG = ObjectKey.configMap("staging", "app-config");
    private static final ObjectKey APP = new ObjectKey("apps/v1", "Deployment", "staging", "app");
    /** The branch: K=9 (the cluster still has K=1), A=1, B=1; app at r/app:1. */
    private static final DesiredState FORK_POINT = state(Map.of("K", "9", "A", "1", "B", "1"), "r/app:1");

    @Test
    void aKeyTheBranchChangedIsNotThePullRequests() {
        assertEquals(Set.of(key("A")), ChangedItem.between(FORK_POINT, state(Map.of("K", "9", "A", "2", "B", "1"), "r/app:1")));
        assertEquals(Set.of(key("B")), ChangedItem.between(FORK_POINT, state(Map.of("K", "9", "A", "1", "B", "2"), "r/app:1")),
                "two pull requests over the same branch change A and B: they share no item");
    }

    @Test
    void settingTheBranchsKeyOtherwiseChangesIt() {
        assertEquals(Set.of(key("K")), ChangedItem.between(FORK_POINT, state(Map.of("K", "3", "A", "1", "B", "1"), "r/app:1")));
        assertEquals(Set.of(key("K")), ChangedItem.between(FORK_POINT, state(Map.of("K", "1", "A", "1", "B", "1"), "r/app:1")),
                "back to what the cluster has is a change of the branch's K too");
    }

    @Test
    void addedAndRemovedKeysObjectsAndVersionsCount() {
        assertEquals(Set.of(key("B"), key("C")), ChangedItem.between(FORK_POINT, state(Map.of("K", "9", "A", "1", "C", "1"), "r/app:1")));
        assertEquals(Set.of(key("K"), key("A"), key("B"), new ChangedItem.Version("staging", APP)),
                ChangedItem.between(FORK_POINT, new DesiredState("staging", "staging", null, List.of(), List.of(), List.of(), "sha256:x")),
                "the ConfigMap and the Deployment removed");
        assertEquals(Set.of(new ChangedItem.Version("staging", APP)), ChangedItem.between(FORK_POINT, state(Map.of("K", "9", "A", "1", "B", "1"), "r/app:2")));
        assertEquals(Set.of(), ChangedItem.between(FORK_POINT, FORK_POINT));
    }

    private static ChangedItem key(String key) {
        return new ChangedItem.Key("staging", APP_CONFIG, key);
    }

    private static DesiredState state(Map<String, String> entries, String image) {
        var values = new TreeMap<String, ConfigValue>();
        entries.forEach((k, v) -> values.put(k, ConfigValue.text(v)));
        var config = new DesiredConfig(APP_CONFIG, null, new TreeMap<>(), new TreeMap<>(), values, "environments/staging/app.yaml");
        var app = new DesiredWorkload(APP, new TreeMap<>(Map.of("app", image)), "release.yaml", "workloads[0]");
        return new DesiredState("staging", "staging", null, List.of(config), List.of(app), List.of(), "sha256:x");
    }
}
