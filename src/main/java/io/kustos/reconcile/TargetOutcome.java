package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import io.kustos.diff.Diff;
import io.kustos.outcome.Outcome;
import io.kustos.source.RevisionPair;

/** What one reconcile did for one environment, exhaustively. */
public sealed interface TargetOutcome {
    String environment();

    /** The outcome as history, reports, metrics and notifications name it. */
    Outcome outcome();

    /** The cluster already equals git: nothing was written. */
    record InSync(String environment, Diff diff) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.IN_SYNC;
        }
    }

    /** Differences found and not applied (diff mode, or the revision failed elsewhere). */
    record Differs(String environment, Diff diff) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.DIFFERS;
        }
    }

    /** Differences applied: {@code written} objects; {@code notes} say which hooks ran and what rolled out. */
    record Applied(String environment, Diff diff, int written, java.util.List<String> notes) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.APPLIED;
        }
    }

    /** This target did not reach the revision because of {@code error}; see the message for what was written. */
    record Failed(String environment, KustosException error) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.FAILED;
        }
    }

    /**
     * The revision {@code revisions} failed here before (a hook or rollout): it is not tried again
     * until a new commit or {@code kustos apply --retry}. Nothing was written.
     */
    record Held(String environment, io.kustos.source.RevisionPair revisions) implements TargetOutcome {
        @Override
        public Outcome outcome() {
            return Outcome.HELD;
        }

        public String message() {
            return environment + ": revision " + revisions
                    + " failed before and is not tried again until a new commit (kustos apply --retry tries it now)";
        }
    }

    /**
     * Promotion: the environment follows others ({@code after:}) that have not applied this
     * release revision yet ({@code waitingFor}); or another writer holds its write lock. Nothing
     * was written. {@code message} says so: {@code waiting for staging}. {@code retryAfter}: when
     * to try again (the lock's expiry) if sooner than the next poll; null: at the next poll.
     */
    record Waiting(String environment, java.util.List<String> waitingFor, String message, java.time.Duration retryAfter)
            implements TargetOutcome {
        Waiting(String environment, java.util.List<String> waitingFor, String message) {
            this(environment, waitingFor, message, null);
        }

        @Override
        public Outcome outcome() {
            return Outcome.WAITING;
        }
    }

    /**
     * Syncing is paused by an emergency rollback until a new commit or `kustos resume`; the target
     * stands at {@code standsAt}, the revision rolled back to.
     */
    record Paused(String environment, RevisionPair pausedAt, RevisionPair standsAt) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.PAUSED;
        }
    }

    /**
     * Someone changed what Kustos manages by hand, at a revision already applied: {@code diff} is
     * what was (or, without selfHeal or in a diff, would be) restored.
     */
    record Drifted(String environment, Diff diff, boolean restored) implements TargetOutcome {
        public Outcome outcome() {
            return restored ? Outcome.DRIFT_CORRECTED : Outcome.DRIFT_DETECTED;
        }
    }

    /**
     * A hook or rollout of the revision failed ({@code error}) and the target was brought back to
     * {@code restored}, its last good revision.
     */
    record RolledBack(String environment, KustosException error, RevisionPair restored, Diff rollback) implements TargetOutcome {
        public Outcome outcome() {
            return Outcome.ROLLED_BACK;
        }
    }
}
