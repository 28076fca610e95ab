package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * What a target's history lets a reconcile do when the cluster differs from git's heads: the
 * rules for paused ({@link PauseRule}), held ({@link HoldRule}) and drifted ({@link DriftRule})
 * revisions, in that order of precedence, apart from any I/O. Pure.
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

    /** @param retry {@code kustos apply --retry}: try a held revision now (a pause still holds) */
    static Verdict decide(TargetState state, RevisionPair current, boolean retry) {
        if (PauseRule.paused(state)) {
            return Verdict.PAUSED;
        }
        if (HoldRule.held(state, current, retry)) {
            return Verdict.HELD;
        }
        return DriftRule.alreadyApplied(state, current) ? Verdict.DRIFT : Verdict.APPLY;
    }
}
