package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * A revision that failed in an environment (and was rolled back) is held there: not tried again
 * until a new commit or {@code kustos apply --retry}. Pure.
 */
final class HoldRule {
    private HoldRule() {
    }

    /** {@code current} is the revision that failed last. */
    static boolean failedBefore(TargetState state, RevisionPair current) {
        return current.equals(state.lastFailed());
    }

    /** @param retry {@code kustos apply --retry}: try the failed revision now */
    static boolean held(TargetState state, RevisionPair current, boolean retry) {
        return !retry && failedBefore(state, current);
    }
}
