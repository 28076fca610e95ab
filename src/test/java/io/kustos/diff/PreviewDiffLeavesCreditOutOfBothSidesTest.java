package io.kustos.diff;

import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.Labels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A preview's diff leaves the credit annotations ({@code kustos.io/revision}, {@code kustos.io/author}) out of
 * both the live and the merged side of a workload: the live object's are not shown as removed by the merge.
 * {@code kustos diff} keeps them on both sides.
 */
class PreviewDiffLeavesCreditOutOfBothSidesTest {
    private final DiffPrinter printer = new DiffPrinter();

    @Test
    void aWorkloadsLiveCreditIsNotShownAsRemoved() {
        String text = printer.preview(upgrade());
        assertTrue(text.contains("-        image: r.example.com/app:1.0.0\n+        image: r.example.com/app:2.0.0\n"), text);
        for (String annotation : List.of(Labels.REVISION, Labels.AUTHOR)) {
            assertFalse(text.contains(annotation), annotation + " in:\n" + text);
        }
        assertFalse(text.contains("-  annotations:"), text);
    }

    @Test
    void kustosDiffShowsTheCreditOnBothSides() {
        String text = printer.unified(upgrade());
        assertTrue(text.contains("\n-    " + Labels.AUTHOR + ": "), text);
        assertTrue(text.contains("\n+    " + Labels.AUTHOR + ": "), text);
    }

    private static Diff upgrade() {
        var live = new LiveWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r.example.com/app:1.0.0")),
                new TreeMap<>(Map.of(Labels.AUTHOR, "Alice <a@x>", Labels.REVISION, "config=main@sha1:a3db0b7;releases=main@sha1:a3db0b7",
                        "deployment.kubernetes.io/revision", "3")), null);
        var desired = new DesiredWorkload(DEPLOY, new TreeMap<>(Map.of("app", "r.example.com/app:2.0.0")), "releases:r.yaml");
        var diff = new Differ().diff(state(List.of(), List.of(desired)), new LiveState(Map.of(), Map.of(DEPLOY, live)));
        assertEquals(1, diff.workloads().size(), "the image change is a workload change");
        return diff;
    }
}
