package io.kustos.diff;

import io.kustos.live.LiveState;
import io.kustos.render.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** A side with no lines is {@code 0,0} in a hunk header, as GNU diff and kubectl diff print it. */
class HunkHeadersLikeGnuDiffTest {
    private final DiffPrinter printer = new DiffPrinter();

    @Test
    void aNewObjectsHunkStartsAtLineZeroOfTheEmptyLiveSide() {
        var d = configMap(Map.of("A", "1", "B", "2"));
        String text = printer.unified(new Differ().diff(state(List.of(d), List.of()), new LiveState(Map.of(), Map.of())));
        assertTrue(text.matches("(?s).*\n@@ -0,0 \\+1,\\d+ @@\n.*"), text);
        assertFalse(text.contains("@@ -1,0 "), text);
    }

    @Test
    void aPrunedObjectsHunkEndsAtLineZeroOfTheEmptyMergedSide() {
        var gone = configMap(Map.of("A", "1"));
        var live = live(gone, Map.of("A", ConfigValue.text("1")), Set.of("A"));
        var other = configMap(Map.of("B", "2"));
        var kept = new io.kustos.render.DesiredConfig(io.kustos.render.ObjectKey.configMap("staging", "other"), null, labels(),
                new java.util.TreeMap<>(), other.entries(), "config:y.yaml");
        String text = printer.unified(new Differ(true, false).diff(state(List.of(kept), List.of()), new LiveState(Map.of(CM, live), Map.of())));
        assertTrue(text.matches("(?s).*live/v1.ConfigMap.staging.app-config\n\\+\\+\\+ merged/v1.ConfigMap.staging.app-config\n@@ -1,\\d+ \\+0,0 @@\n.*"), text);
    }

    @Test
    void headersWithLinesOnBothSidesStayAsTheyAre() {
        assertEquals("@@ -4,7 +4,7 @@", DiffPrinter.gnuHunkHeader("@@ -4,7 +4,7 @@"));
        assertEquals("@@ -0,0 +1,5 @@", DiffPrinter.gnuHunkHeader("@@ -1,0 +1,5 @@"));
        assertEquals("@@ -1,5 +0,0 @@", DiffPrinter.gnuHunkHeader("@@ -1,5 +1,0 @@"));
        assertEquals("-  A: 1,0", DiffPrinter.gnuHunkHeader("-  A: 1,0"));
    }
}
