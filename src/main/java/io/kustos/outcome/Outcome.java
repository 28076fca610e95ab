package io.kustos.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What happened to one environment at one revision, the one list that the history, the reports of
 * {@code kustos apply}/{@code diff}, the metrics, {@code /status} and the notifications share.
 * Each outcome has one {@link #word()} ({@code rolled-back}), which the history stores and the CLI
 * prints; the metric label ({@code rolled_back}) and the notification event ({@code rolledBack})
 * are spelled from it, in the case each of those media uses. A leaf: it imports no step.
 */
public enum Outcome {
    /** The cluster already equals git: nothing written. */
    IN_SYNC("in-sync", true, false),
    /** Differences found and not applied ({@code kustos diff}). */
    DIFFERS("differs", true, false),
    /** A revision written and rolled out. */
    APPLIED("applied", true, true),
    /** The revision did not reach the environment. */
    FAILED("failed", false, true),
    /** A hook or rollout failed and the environment was brought back to its last good revision. */
    ROLLED_BACK("rolled-back", false, true),
    /** A hand edit at a revision already applied, reported and left (selfHeal off, or {@code kustos diff}). */
    DRIFT_DETECTED("drift-detected", true, false),
    /** A hand edit at a revision already applied, restored. */
    DRIFT_CORRECTED("drift-corrected", true, true),
    /** Syncing paused by an emergency rollback: nothing written until a new commit or {@code kustos resume}. */
    PAUSED("paused", true, false),
    /** {@code kustos rollback --emergency}: an older revision re-applied from the local clones, syncing paused. */
    EMERGENCY_ROLLBACK("emergency-rollback", true, false),
    /** {@code kustos resume}: the pause of an emergency rollback ended. */
    RESUMED("resumed", true, false),
    /** The revision failed there before (a hook or rollout): not tried again until a new commit or {@code --retry}. */
    HELD("held", false, false),
    /** Promotion: it waits for the environments it follows ({@code after:}) to apply the release revision. */
    WAITING("waiting", true, false);

    private final String word;
    private final boolean succeeded;
    private final boolean notified;

    Outcome(String word, boolean succeeded, boolean notified) {
        this.word = word;
        this.succeeded = succeeded;
        this.notified = notified;
    }

    /** The word the history stores and the CLI prints: {@code in-sync}, {@code rolled-back}, … */
    @JsonValue
    public String word() {
        return word;
    }

    /** The {@code outcome} label of the metrics and {@code /status}: {@code in_sync}, {@code rolled_back}, … */
    public String metricLabel() {
        return word.replace('-', '_');
    }

    /** The notification event, as {@code notifications.on} names it: {@code rolledBack}, {@code driftCorrected}, … */
    public String notificationWord() {
        var parts = word.split("-");
        var out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(parts[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(parts[i].substring(1));
        }
        return out.toString();
    }

    /** Whether the environment is where git (or an operator's pause) wants it: not failed, not rolled back. */
    public boolean succeeded() {
        return succeeded;
    }

    /** Whether notifications are sent for it (drift only reported, in sync and the like say nothing). */
    public boolean notified() {
        return notified;
    }

    /** The outcomes notifications can be sent for, in the order {@code notifications.on} lists them by default. */
    public static List<Outcome> notifiedOutcomes() {
        return Arrays.stream(values()).filter(Outcome::notified).toList();
    }

    /**
     * The outcome of {@link #word()} {@code word}, as the history stores it (every word it ever stored).
     *
     * @throws StallingException naming the word and the known ones
     */
    @JsonCreator
    public static Outcome of(String word) {
        return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst()
                .orElseThrow(() -> unknown("an outcome", word, Arrays.stream(values()).map(Outcome::word)));
    }

    /**
     * The notified outcome whose {@link #notificationWord()} is {@code word}.
     *
     * @throws StallingException naming the word and the known ones
     */
    public static Outcome ofNotification(String word) {
        return notifiedOutcomes().stream().filter(o -> o.notificationWord().equals(word)).findFirst()
                .orElseThrow(() -> unknown("an event", word, notifiedOutcomes().stream().map(Outcome::notificationWord)));
    }

    private static StallingException unknown(String what, String word, java.util.stream.Stream<String> known) {
        return new StallingException("\"" + word + "\" is not " + what + " (known: " + known.collect(Collectors.joining(", ")) + ")",
                FailureReason.INVALID_INPUT);
    }
}
