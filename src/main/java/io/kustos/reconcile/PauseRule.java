package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * An emergency rollback pauses an environment at the revision it rolled back from: nothing is
 * written there until a new commit or {@code kustos resume} (not even with {@code --retry}). Pure.
 */
final class PauseRule {
    private PauseRule() {
    }

    static boolean paused(TargetState state) {
        return state.pausedAt() != null;
    }

    /** A new commit ends the pause: {@code current} is not the revision it paused at. */
    static boolean endedBy(TargetState state, RevisionPair current) {
        return paused(state) && !state.pausedAt().equals(current);
    }
}
