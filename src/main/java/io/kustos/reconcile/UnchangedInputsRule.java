package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.history.TargetState;
import io.kustos.render.DesiredState;
import io.kustos.source.RevisionPair;

/**
 * A new revision that leaves an environment's inputs as they were (the commit touched other
 * environments, or nothing any environment renders): its desired state has the digest of the
 * revision last recorded as good there, so nothing new can roll out. Such a revision needs no
 * write and no wait for rollouts, only to be recorded as the last good one, as a confirm of it
 * would record it ({@link UntouchedEnvironmentStep}). Pure: what it does not know, it does not
 * claim — then the run takes the full path.
 */
final class UnchangedInputsRule {
    private UnchangedInputsRule() {
    }

    /** What this process rendered for {@code target} at {@code revisions}, which it saw recorded as good there. */
    record Rendered(Target target, RevisionPair revisions, String digest) {
        static Rendered of(Target target, DesiredState desired) {
            return new Rendered(target, desired.revisions().pair(), desired.digest());
        }
    }

    /**
     * {@code desired}, for {@code target}, renders what {@code good} rendered at another revision (same target, same digest).
     *
     * @param retry {@code kustos apply --retry}: never short-cut
     */
    static boolean sameInputs(Rendered good, Target target, DesiredState desired, boolean retry) {
        return good != null && !retry && good.target().equals(target) && good.digest().equals(desired.digest())
                && !good.revisions().equals(desired.revisions().pair());
    }

    /**
     * The environment's history, read now, still stands where {@code good} was rendered: that revision is its last good
     * one, no revision failed since (none is held), and no emergency rollback paused it.
     */
    static boolean standsAt(TargetState state, Rendered good) {
        return good.revisions().equals(state.lastGood()) && state.lastFailed() == null && state.pausedAt() == null;
    }
}
