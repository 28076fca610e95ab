package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * What differs in an environment that already stands at the revision is drift: someone changed the
 * cluster, and healing restores the revision (selfHeal) or reports it. What differs at any other
 * revision is the change that revision brings. Pure.
 */
final class DriftRule {
    private DriftRule() {
    }

    /** {@code current} is the revision last applied (and seen through) there. */
    static boolean alreadyApplied(TargetState state, RevisionPair current) {
        return current.equals(state.lastGood());
    }
}
