package io.kustos.diff;

import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredWorkload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class DifferComparesOnlyWhatKustosOwnsTest {
    private final Differ differ = new Differ();

    @Test
    void anObjectEqualToGitIsNotAChangeEvenAtANewRevision() {
        var d = configMap(Map.of("A", "1"));
        var live = live(d, Map.of("A", ConfigValue.text("1")), Set.of("A"));
        Diff diff = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, live), Map.of()));
        assertTrue(diff.isEmpty());
    }

    @Test
    void aMissingObjectIsCreatedWithEveryKeyAdded() {
        var d = configMap(Map.of("A", "1", "B", "2"));
        Diff diff = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(), Map.of()));
        assertTrue(diff.configs().get(0).creates());
        assertEquals(List.of("A", "B"), diff.configs().get(0).entries().stream().map(EntryChange::key).toList());
    }

    @Test
    void changedAddedAndRemovedKeysAreReportedPerKey() {
        var d = configMap(Map.of("A", "new", "C", "3"));
        var live = live(d, Map.of("A", ConfigValue.text("old"), "B", ConfigValue.text("2")), Set.of("A", "B"));
        ConfigChange c = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, live), Map.of())).configs().get(0);
        assertEquals(List.of("A CHANGED", "B REMOVED", "C ADDED"),
                c.entries().stream().map(e -> e.key() + " " + e.kind()).toList());
    }

    @Test
    void aKeyAnotherManagerSetIsNotDrift() {
        var d = configMap(Map.of("A", "1"));
        var live = live(d, Map.of("A", ConfigValue.text("1"), "THEIRS", ConfigValue.text("x")), Set.of("A"));
        assertTrue(differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, live), Map.of())).isEmpty());
    }

    @Test
    void secretChangesShowKeyedFingerprintsNeverValues() {
        var d = secret(Map.of("PASSWORD", "new-password-value"));
        var live = live(d, Map.of("PASSWORD", ConfigValue.bytes("old-password-value".getBytes())), Set.of("PASSWORD"));
        EntryChange e = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, live), Map.of(), KEYED))
                .configs().get(0).entries().get(0);
        assertTrue(e.before().matches("hmac:[0-9a-f]{8}"), e.before());
        assertTrue(e.after().matches("hmac:[0-9a-f]{8}"), e.after());
        assertNotEquals(e.before(), e.after());

        EntryChange unkeyed = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, live), Map.of()))
                .configs().get(0).entries().get(0);
        assertEquals(new EntryChange("PASSWORD", EntryChange.Kind.CHANGED, EntryChange.HIDDEN, EntryChange.HIDDEN), unkeyed,
                "without the key, only that it changed");
    }

    @Test
    void onlyContainersWhoseImageDiffersAreUpdated() {
        var w = new DesiredWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r/app:2", "sidecar", "r/side:1")), "releases:r.yaml");
        var live = new LiveWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r/app:1", "sidecar", "r/side:1")), new TreeMap<>(), null);
        WorkloadChange c = differ.diff(state(List.of(), List.of(w)), new LiveState(Map.of(), Map.of(DEPLOY, live))).workloads().get(0);
        assertEquals(Map.of("app", "r/app:1"), c.oldImages());
    }

    @Test
    void aWorkloadMissingFromTheClusterIsAClearError() {
        var w = new DesiredWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r/app:2")), "releases:environments/staging/release.yaml", "workloads[0]");
        var e = assertThrows(DiffException.class, () -> differ.diff(state(List.of(), List.of(w)), new LiveState(Map.of(), Map.of())));
        assertEquals("releases:environments/staging/release.yaml: workloads[0].name: Deployment staging/app does not exist in the cluster: "
                + "Kustos updates the images of existing workloads and does not create them; fix the name (or kind) there, or create the"
                + " workload first", e.getMessage());
    }

    @Test
    void aContainerMissingFromTheWorkloadIsAClearError() {
        var w = new DesiredWorkload(DEPLOY, new TreeMap<>(Map.of("api", "r/app:2")), "releases:environments/staging/release.yaml", "workloads[1]");
        var live = new LiveWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r/app:1", "sidecar", "r/side:1")), new TreeMap<>(), null);
        var e = assertThrows(DiffException.class, () -> differ.diff(state(List.of(), List.of(w)), new LiveState(Map.of(), Map.of(DEPLOY, live))));
        assertEquals("releases:environments/staging/release.yaml: workloads[1].containers.api: Deployment staging/app has no container api"
                + " (it has: app, sidecar). Use one of its container names, or add the container to its pod template first.", e.getMessage());
    }
}
