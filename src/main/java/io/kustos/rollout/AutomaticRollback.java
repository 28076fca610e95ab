package io.kustos.rollout;

import io.kustos.diff.Diff;
import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.source.RevisionPair;

import java.util.function.Function;

/**
 * After a failed hook or rollout, or a write that still failed after its retries (a revision left
 * half written): goes back to the environment's last good revision (re-applied without hooks and
 * waited for) when {@code sync.rollbackOnFailure} is on and there is one to go back to that is not
 * the failed revision itself. A write cut short because the process is stopping
 * ({@link FailureReason#INTERRUPTED}) is left for the next start to converge; a rollback that
 * lost the write lock ({@link FailureReason#WRITE_LOCK_LOST}) stops there, its error thrown.
 */
public final class AutomaticRollback {
    /** What it did. */
    public sealed interface Result {
    }

    /** Off, or no good revision to go back to: {@code cause} stands; {@code why} says why, in words. */
    public record NotAttempted(KustosException cause, String why) implements Result {
    }

    /** Back at {@code restored}; {@code diff} is what the rollback changed. */
    public record RolledBack(KustosException cause, RevisionPair restored, Diff diff) implements Result {
    }

    /** Going back failed too: {@code error} says both; the environment is neither revision (a rollout failure, exit 6). */
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
    public Result after(KustosException cause, RevisionPair failed, RevisionPair lastGood,
                        Function<RevisionPair, Diff> restore) {
        if (!enabled) {
            return new NotAttempted(cause, "sync.rollbackOnFailure is off");
        }
        if (lastGood == null) {
            return new NotAttempted(cause, "there is no last good revision to go back to");
        }
        if (lastGood.equals(failed)) {
            return new NotAttempted(cause, "it is the last good revision itself");
        }
        if (cause.reason() == FailureReason.INTERRUPTED) {
            return new NotAttempted(cause, "Kustos is stopping; its next run converges");
        }
        try {
            return new RolledBack(cause, lastGood, restore.apply(lastGood));
        } catch (KustosException e) {
            if (e.reason() == FailureReason.WRITE_LOCK_LOST) {
                throw e; // not a failed rollback: the run stops where it lost its lock, as a failure that may pass
            }
            return new FailedToo(new RolloutFailedException(cause.getMessage() + "\nand rolling back to " + lastGood
                    + " failed too: " + e.getMessage(), FailureReason.ROLLOUT_FAILED));
        }
    }
}
