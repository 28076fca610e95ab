package io.kustos.diff;

import com.github.difflib.DiffUtils;
import io.kustos.testsupport.AllocatedBytes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the diff of a large value costs memory in proportion to it. Two 20,000-line values
 * that differ on every line cost java-diff-utils's Myers diff 25 GB of allocations; a bound on
 * allocated bytes, not a timing.
 */
class LineDiffTest {
    private static List<String> lines(String prefix, int n) {
        var out = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + " line " + i);
        }
        return out;
    }

    @Test
    void twoLargeValuesDifferingOnEveryLineCostMemoryInProportion() throws Exception {
        var before = lines("old", 20_000);
        var after = lines("new", 20_000);
        var diff = AllocatedBytes.of(() -> LineDiff.of(before, after));
        assertEquals(after, diff.result().applyTo(before));
        assertTrue(diff.bytes() < 100_000_000L, diff.bytes() + " bytes allocated");
    }

    @Test
    void aFewChangesInALargeValueGiveTheMinimalPatch() throws Exception {
        var before = lines("same", 20_000);
        var after = new ArrayList<>(before);
        after.set(10, "changed");
        after.remove(5_000);
        after.add(15_000, "added");
        var patch = LineDiff.of(before, after);
        assertEquals(after, patch.applyTo(before));
        assertEquals(DiffUtils.diff(before, after).getDeltas(), patch.getDeltas());
    }

    @Test
    void pastTheBudgetTheChangeSpansOnlyTheLinesThatDiffer() throws Exception {
        var before = lines("old", 5_000);
        var after = lines("new", 5_000);
        before.add(0, "head");
        after.add(0, "head");
        before.add("tail");
        after.add("tail");
        var patch = LineDiff.of(before, after);
        assertEquals(1, patch.getDeltas().size());
        assertEquals(1, patch.getDeltas().get(0).getSource().getPosition());
        assertEquals(5_000, patch.getDeltas().get(0).getSource().size());
        assertEquals(after, patch.applyTo(before));
    }
}
