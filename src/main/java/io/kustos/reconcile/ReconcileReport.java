package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import io.kustos.source.Revision;

import java.util.List;

/** The outcome of one reconcile of every target at one pair of revisions. */
public record ReconcileReport(Revision config, Revision releases, List<TargetOutcome> targets) {
    public ReconcileReport {
        targets = List.copyOf(targets);
    }

    public boolean failed() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Failed || t instanceof TargetOutcome.RolledBack);
    }

    public boolean differs() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Differs || t instanceof TargetOutcome.Applied
                || t instanceof TargetOutcome.Drifted);
    }

    /** Some target drifted from git and was not restored ({@code sync.selfHeal} off, or only a diff). */
    public boolean driftLeft() {
        return targets.stream().anyMatch(t -> t instanceof TargetOutcome.Drifted d && !d.restored());
    }

    public KustosException firstError() {
        for (TargetOutcome t : targets) {
            if (t instanceof TargetOutcome.Failed f) {
                return f.error();
            }
            if (t instanceof TargetOutcome.RolledBack r) {
                return r.error();
            }
        }
        return null;
    }
}
