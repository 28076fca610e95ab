package io.kustos.reconcile;

import io.kustos.history.TargetState;

/**
 * When the cluster already holds a revision that nothing recorded: a rollout whose wait was cut
 * short (a restart, a lost lease) or a cluster Kustos adopts in sync. Pure.
 */
final class ConfirmRule {
    private ConfirmRule() {
    }

    /** The revision {@code current}, which needs no write, is to be seen through and recorded as good. */
    static boolean needsConfirming(TargetState state, io.kustos.source.RevisionPair current) {
        return state.pausedAt() == null && !current.equals(state.lastGood()) && !current.equals(state.lastFailed());
    }
}
