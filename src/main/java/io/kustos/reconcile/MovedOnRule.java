package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.RevisionPair;

/**
 * An environment whose history names another revision as last good than the one this process
 * settled at has moved on: another writer (a {@code kustos apply}, a second daemon) applied that
 * revision since. What differs from this process's revision is then not drift, and healing it
 * would put the older revision back; the next reconcile at git's heads decides. An environment
 * without a last good revision (a history removed by hand) has not moved on. Pure.
 */
final class MovedOnRule {
    private MovedOnRule() {
    }

    static boolean movedOn(TargetState state, RevisionPair settledAt) {
        return state.lastGood() != null && !state.lastGood().equals(settledAt);
    }
}
