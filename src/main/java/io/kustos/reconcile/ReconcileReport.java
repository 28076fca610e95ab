package io.kustos.reconcile;

import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.source.Revision;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one reconcile of every environment at one pair of revisions, one outcome each, in
 * kustos.yaml's order, with how long each environment's run took ({@code took}, by environment;
 * empty when not measured).
 */
public record ReconcileReport(Revision config, Revision releases, List<TargetOutcome> targets, Map<String, Duration> took) {
    public ReconcileReport {
        targets = List.copyOf(targets);
        took = Map.copyOf(took);
    }

    public ReconcileReport(Revision config, Revision releases, List<TargetOutcome> targets) {
        this(config, releases, targets, Map.of());
    }

    /** How long the run of {@code environment} took, if measured. */
    public Optional<Duration> took(String environment) {
        return Optional.ofNullable(took.get(environment));
    }

    /** Some environment did not reach the revision: it failed, was rolled back, or holds a revision that failed before. */
    public boolean failed() {
        return targets.stream().anyMatch(ReconcileReport::failed);
    }

    static boolean failed(TargetOutcome t) {
        return t instanceof TargetOutcome.Failed || t instanceof TargetOutcome.RolledBack || t instanceof TargetOutcome.Held;
    }

    public boolean differs() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Differs || t instanceof TargetOutcome.Applied
                || t instanceof TargetOutcome.Drifted);
    }

    /** Some environment drifted from git and was not restored ({@code sync.selfHeal} off, or only a diff). */
    public boolean driftLeft() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Drifted d && !d.restored());
    }

    /** Some environment waits for the environments it follows to apply this release revision. */
    public boolean waiting() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Waiting);
    }

    /** The soonest an environment that waits asked to be tried again (a held write lock's expiry), if one did. */
    public java.util.Optional<java.time.Duration> waitingRetryAfter() {
        return targets.stream().filter(t -> t instanceof TargetOutcome.Waiting).map(t -> ((TargetOutcome.Waiting) t).retryAfter())
                .filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder());
    }

    /** Some environment failed in a way that may pass on a retry (not bad input, not a failed rollout). */
    public boolean retryable() {
        return errors().stream().anyMatch(e -> !(e instanceof StallingException));
    }

    /** The failures of the environments that failed or were rolled back, in their order. */
    public List<KustosException> errors() {
        return targets.stream().map(ReconcileReport::error).flatMap(Optional::stream).toList();
    }

    /** The failure of one environment's outcome, if it failed with one (a held revision has none: it did not run). */
    public static Optional<KustosException> error(TargetOutcome t) {
        if (t instanceof TargetOutcome.Failed f) {
            return Optional.of(f.error());
        }
        if (t instanceof TargetOutcome.RolledBack r) {
            return Optional.of(r.error());
        }
        return Optional.empty();
    }

    /** The first environment's failure, or null. */
    public KustosException firstError() {
        return errors().stream().findFirst().orElse(null);
    }

    /** The message that says why an environment did not reach the revision, if it did not: its error, or why it was held. */
    public static Optional<String> problem(TargetOutcome t) {
        if (t instanceof TargetOutcome.Held h) {
            return Optional.of(h.message());
        }
        return error(t).map(Throwable::getMessage);
    }
}
