package io.kustos.rollout;

import io.kustos.diff.Diff;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.source.RevisionPair;

import java.util.function.Function;

/**
 * After a failed hook or rollout: goes back to the environment's last good revision (re-applied
 * without hooks and waited for) when {@code sync.rollbackOnFailure} is on and there is one to go
 * back to that is not the failed revision itself.
 */
public final class AutomaticRollback {
    /** What it did. */
    public sealed interface Result {
    }

    /** Off, or no good revision to go back to: {@code cause} stands. */
    public record NotAttempted(RolloutFailedException cause) implements Result {
    }

    /** Back at {@code restored}; {@code diff} is what the rollback changed. */
    public record RolledBack(RolloutFailedException cause, RevisionPair restored, Diff diff) implements Result {
    }

    /** Going back failed too: {@code error} says both. */
    public record FailedToo(RolloutFailedException error) implements Result {
    }

    private final boolean enabled;

    /** @param enabled {@code sync.rollbackOnFailure} */
    public AutomaticRollback(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * @param lastGood the revision to go back to, or null when none was applied yet
     * @param restore  brings the environment to a revision and says what it changed
     */
    public Result after(RolloutFailedException cause, RevisionPair failed, RevisionPair lastGood,
                        Function<RevisionPair, Diff> restore) {
        if (!enabled || lastGood == null || lastGood.equals(failed)) {
            return new NotAttempted(cause);
        }
        try {
            return new RolledBack(cause, lastGood, restore.apply(lastGood));
        } catch (KustosException e) {
            return new FailedToo(new RolloutFailedException(cause.getMessage() + "\nand rolling back to " + lastGood
                    + " failed too: " + e.getMessage(), FailureReason.ROLLOUT_FAILED));
        }
    }
}
