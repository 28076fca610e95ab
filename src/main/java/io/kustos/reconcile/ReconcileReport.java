package io.kustos.reconcile;

import io.kustos.source.Revision;

import java.util.List;

/** The outcome of one reconcile of every target at one pair of revisions. */
public record ReconcileReport(Revision config, Revision releases, List<TargetOutcome> targets) {
    public ReconcileReport {
        targets = List.copyOf(targets);
    }

    public boolean failed() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Failed);
    }

    public boolean differs() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Differs || t instanceof TargetOutcome.Applied);
    }

    public KustosException firstError() {
        return targets.stream().filter(t -> t instanceof TargetOutcome.Failed).map(t -> ((TargetOutcome.Failed) t).error())
                .findFirst().orElse(null);
    }
}
