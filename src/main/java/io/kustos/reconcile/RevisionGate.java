package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * What a target's history lets a reconcile do when the cluster differs from git's heads: the
 * rules for paused, held and drifted revisions, apart from any I/O. Pure.
 */
final class RevisionGate {
    /** What to do with a target whose cluster differs from the revision {@code current}. */
    enum Verdict {
        /** A new revision (or one retried with {@code --retry}): dry-run and apply it. */
        APPLY,
        /** The revision already applied: what differs was changed in the cluster; heal it (selfHeal) or report it. */
        DRIFT,
        /** An emergency rollback paused syncing at this revision: write nothing until a new commit or {@code kustos resume}. */
        PAUSED,
        /** This revision failed before: not tried again until a new commit or {@code --retry}. */
        HELD
    }

    private RevisionGate() {
    }

    /** A new commit ends the pause of an emergency rollback: {@code current} is not the revision it paused at. */
    static boolean endsPause(TargetState state, RevisionPair current) {
        return state.pausedAt() != null && !state.pausedAt().equals(current);
    }

    /** @param retry {@code kustos apply --retry}: try a held revision now (a pause still holds) */
    static Verdict decide(TargetState state, RevisionPair current, boolean retry) {
        if (state.pausedAt() != null) {
            return Verdict.PAUSED;
        }
        if (!retry && current.equals(state.lastFailed())) {
            return Verdict.HELD;
        }
        return current.equals(state.lastGood()) ? Verdict.DRIFT : Verdict.APPLY;
    }
}
