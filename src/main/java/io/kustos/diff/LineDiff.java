package io.kustos.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.Patch;

import java.util.List;

/**
 * The line patch from one text to another, at a cost bounded by their length: java-diff-utils's
 * Myers diff while the texts differ in at most {@link #MAX_EDITS} lines, whose cost grows with the
 * square of the differences (two 16,000-line values differing on every line: 16 GB allocated);
 * beyond, one change from the first line that differs to the last, still a valid unified diff.
 */
final class LineDiff {
    /** Differing lines up to which the patch is minimal; about 30 MB of Myers's path nodes at most. */
    static final int MAX_EDITS = 1_000;

    private LineDiff() {
    }

    static Patch<String> of(List<String> before, List<String> after) {
        try {
            return DiffUtils.diff(before, after, new Budget());
        } catch (OverBudget e) {
            return oneChange(before, after);
        }
    }

    private static Patch<String> oneChange(List<String> before, List<String> after) {
        int start = 0;
        while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
            start++;
        }
        int endBefore = before.size();
        int endAfter = after.size();
        while (endBefore > start && endAfter > start && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
            endBefore--;
            endAfter--;
        }
        var patch = new Patch<String>();
        patch.addDelta(new ChangeDelta<>(new Chunk<>(start, before.subList(start, endBefore)), new Chunk<>(start, after.subList(start, endAfter))));
        return patch;
    }

    /** Stops Myers's search once it has looked for more than {@link #MAX_EDITS} differences. */
    private static final class Budget implements DiffAlgorithmListener {
        @Override
        public void diffStart() {
        }

        @Override
        public void diffStep(int value, int max) {
            if (value > MAX_EDITS) {
                throw new OverBudget();
            }
        }

        @Override
        public void diffEnd() {
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
