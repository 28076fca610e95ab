package io.kustos.runtime;

import io.kustos.outcome.Outcome;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reconcile did to one environment, as notifications tell it: one of the
 * {@link Outcome#notified()} outcomes, {@code applied}, {@code failed}, {@code rolledBack} or
 * {@code driftCorrected} (hand edits undone; the changes list the objects and keys restored), the
 * two revisions, the change summary and the error (its message, which never holds a secret value).
 *
 * @param restored the revision rolled back to (rolledBack only)
 */
public record NotificationEvent(Outcome event, String environment, Revision config, Revision releases,
                                List<String> changes, String error, RevisionPair restored) {
    public NotificationEvent {
        changes = List.copyOf(changes);
    }

    /**
     * The events of a report: one per target that was applied, failed, rolled back or whose drift was
     * corrected (in-sync targets, and drift only reported because selfHeal is off, say nothing).
     */
    public static List<NotificationEvent> of(ReconcileReport report) {
        List<NotificationEvent> events = new ArrayList<>();
        for (TargetOutcome t : report.targets()) {
            if (t instanceof TargetOutcome.Applied a) {
                events.add(new NotificationEvent(Outcome.APPLIED, t.environment(), report.config(), report.releases(),
                        ChangeSummary.of(a.diff()), null, null));
            } else if (t instanceof TargetOutcome.Failed f) {
                events.add(new NotificationEvent(Outcome.FAILED, t.environment(), report.config(), report.releases(),
                        List.of(), f.error().kind() + ": " + f.error().getMessage(), null));
            } else if (t instanceof TargetOutcome.RolledBack r) {
                events.add(new NotificationEvent(Outcome.ROLLED_BACK, t.environment(), report.config(), report.releases(),
                        ChangeSummary.of(r.rollback()), r.error().kind() + ": " + r.error().getMessage(), r.restored()));
            } else if (t instanceof TargetOutcome.Drifted d && d.restored()) {
                events.add(new NotificationEvent(Outcome.DRIFT_CORRECTED, t.environment(), report.config(), report.releases(),
                        ChangeSummary.of(d.diff()), null, null));
            }
        }
        return events;
    }

    /** One line for people: {@code staging: applied config=main@1a2b3c4 releases=main@5d6e7f8 (3 changes)}. */
    public String headline() {
        String what = switch (event) {
            case APPLIED -> "applied";
            case FAILED -> "FAILED";
            case DRIFT_CORRECTED -> "drift corrected (hand edits undone)";
            default -> "ROLLED BACK to " + restored;
        };
        return environment + ": " + what + " config=" + config.branch() + "@" + config.shortSha()
                + " releases=" + releases.branch() + "@" + releases.shortSha()
                + (changes.isEmpty() ? "" : " (" + changes.size() + " change" + (changes.size() == 1 ? "" : "s") + ")");
    }
}
