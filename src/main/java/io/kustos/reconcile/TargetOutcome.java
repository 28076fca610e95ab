package io.kustos.reconcile;

import io.kustos.diff.Diff;

/** What one reconcile did for one target: four outcomes, exhaustively. */
public sealed interface TargetOutcome {
    String environment();

    /** The cluster already equals git: nothing was written. */
    record InSync(String environment, Diff diff) implements TargetOutcome {
    }

    /** Differences found and not applied (diff mode, or the revision failed elsewhere). */
    record Differs(String environment, Diff diff) implements TargetOutcome {
    }

    /** Differences applied: {@code written} objects. */
    record Applied(String environment, Diff diff, int written) implements TargetOutcome {
    }

    /** Nothing of this target was written at this revision, because of {@code error}. */
    record Failed(String environment, KustosException error) implements TargetOutcome {
    }
}
