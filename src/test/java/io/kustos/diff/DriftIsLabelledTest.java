package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.render.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** `kustos diff` tells drift (a hand edit at the revision applied) from what a new commit changes. */
class DriftIsLabelledTest {
    private final DiffPrinter printer = new DiffPrinter();

    @Test
    void eachDriftedObjectSaysSinceWhichRevisionAndByWhom() {
        var d = configMap(Map.of("A", "1", "B", "2"));
        var plain = live(d, Map.of("A", ConfigValue.text("by-hand"), "B", ConfigValue.text("2")), Set.of("B"));
        var managers = new TreeMap<String, java.util.SortedSet<String>>(Map.of("A", new TreeSet<>(Set.of("kubectl-patch"))));
        var patched = new LiveConfig(plain.key(), plain.type(), plain.labels(), plain.annotations(), plain.entries(), plain.ownedEntries(),
                plain.ownedLabels(), plain.ownedAnnotations(), null, managers);
        Diff diff = new Differ().diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, patched), Map.of()));

        String drift = printer.drift(diff);
        String revision = revisions().pair().annotation();
        assertTrue(drift.startsWith("# drifted from revision " + revision + " by kubectl-patch (changed in the cluster, not by a commit)\n"
                + "diff -u -N live/v1.ConfigMap.staging.app-config merged/v1.ConfigMap.staging.app-config\n"), drift);
        assertTrue(drift.contains("\n-  A: by-hand\n+  A: '1'\n"), drift);
        assertEquals(printer.unified(diff), drift.substring(drift.indexOf('\n') + 1), "the same diff under the label");
        assertFalse(printer.unified(diff).contains("drift"), "a new commit's changes are not labelled as drift");
    }

    @Test
    void aDriftWhoseAuthorIsUnknownIsStillLabelled() {
        var d = configMap(Map.of("A", "1"));
        var deleted = live(d, Map.of(), Set.of());
        Diff diff = new Differ().diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, deleted), Map.of()));
        assertTrue(printer.drift(diff).startsWith("# drifted from revision " + revisions().pair().annotation()
                + " (changed in the cluster, not by a commit)\ndiff -u -N "), printer.drift(diff));
    }

    @Test
    void noDriftNoLabel() {
        var d = configMap(Map.of("A", "1"));
        var same = live(d, Map.of("A", ConfigValue.text("1")), Set.of("A"));
        assertEquals("", printer.drift(new Differ().diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, same), Map.of()))));
    }
}
