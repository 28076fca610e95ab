package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * When the cluster already holds a revision that nothing recorded: a rollout whose wait was cut
 * short (a restart, a lost lease) or a cluster Kustos adopts in sync. Pure.
 */
final class ConfirmRule {
    private ConfirmRule() {
    }

    /**
     * The revision {@code current}, which needs no write, is to be seen through and recorded as
     * good: neither paused ({@link PauseRule}), nor applied ({@link DriftRule}), nor failed
     * ({@link HoldRule}) there before.
     */
    static boolean needsConfirming(TargetState state, RevisionPair current) {
        return !PauseRule.paused(state) && !DriftRule.alreadyApplied(state, current) && !HoldRule.failedBefore(state, current);
    }
}
