package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import io.kustos.diff.Diff;

/** What one reconcile did for one environment, exhaustively. */
public sealed interface TargetOutcome {
    String environment();

    /** The cluster already equals git: nothing was written. */
    record InSync(String environment, Diff diff) implements TargetOutcome {
    }

    /** Differences found and not applied (diff mode, or the revision failed elsewhere). */
    record Differs(String environment, Diff diff) implements TargetOutcome {
    }

    /** Differences applied: {@code written} objects; {@code notes} say which hooks ran and what rolled out. */
    record Applied(String environment, Diff diff, int written, java.util.List<String> notes) implements TargetOutcome {
    }

    /** This target did not reach the revision because of {@code error}; see the message for what was written. */
    record Failed(String environment, KustosException error) implements TargetOutcome {
    }

    /**
     * The revision {@code revisions} failed here before (a hook or rollout): it is not tried again
     * until a new commit or {@code kustos apply --retry}. Nothing was written.
     */
    record Held(String environment, String revisions) implements TargetOutcome {
        public String message() {
            return environment + ": revision " + revisions
                    + " failed before and is not tried again until a new commit (kustos apply --retry tries it now)";
        }
    }

    /**
     * Promotion: the environment follows others ({@code after:}) that have not applied this
     * release revision yet ({@code waitingFor}); nothing was written. {@code message} says so:
     * {@code waiting for staging}.
     */
    record Waiting(String environment, java.util.List<String> waitingFor, String message) implements TargetOutcome {
    }

    /**
     * Syncing is paused by an emergency rollback until a new commit or `kustos resume`; the target
     * stands at {@code standsAt}, the revision rolled back to ({@code config=…;releases=…}).
     */
    record Paused(String environment, String pausedAt, String standsAt) implements TargetOutcome {
    }

    /**
     * Someone changed what Kustos manages by hand, at a revision already applied: {@code diff} is
     * what was (or, without selfHeal or in a diff, would be) restored.
     */
    record Drifted(String environment, Diff diff, boolean restored) implements TargetOutcome {
    }

    /**
     * A hook or rollout of the revision failed ({@code error}) and the target was brought back to
     * {@code restored}, its last good revision.
     */
    record RolledBack(String environment, KustosException error, String restored, Diff rollback) implements TargetOutcome {
    }
}
