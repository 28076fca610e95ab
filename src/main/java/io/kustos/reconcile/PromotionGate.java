package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Explicit promotion ({@code after:} in kustos.yaml): a target applies a release revision only
 * once every environment it follows has applied that revision successfully. "Applied" means the
 * followed environment's last good revision has the same {@code releases} commit; a revision
 * that did not change it counts too, as a reconcile records it as good once its cluster is seen
 * to hold it. A followed environment paused by an emergency rollback, or whose rollout of this
 * revision failed (held), keeps the target waiting until it is fixed. Pure: the states and this
 * run's outcomes come in, a {@link Decision} goes out.
 */
final class PromotionGate {
    /** What a followed environment did earlier in the same reconcile, when it ran before the target. */
    enum ThisRun {
        APPLIED, IN_SYNC, DRIFTED, FAILED, ROLLED_BACK, HELD, PAUSED, WAITING,
        /** A preview: it would change, so it is not there before its rollout succeeds. */
        WOULD_CHANGE;

        /** It stands at the current revision now. */
        boolean standsAtCurrent() {
            return this == APPLIED || this == IN_SYNC || this == DRIFTED;
        }
    }

    /** Why a followed environment holds the target back; {@code %s} is the release revision, e.g. {@code releases=main@1a2b3c4}. */
    enum Reason {
        /** It has not applied the revision yet (it may not have run yet). */
        NOT_YET(null),
        /** Its rollout of this revision failed before: held there until a new commit or {@code --retry}. */
        ROLLOUT_FAILED("its rollout of %s failed"),
        /** It failed in this run (rendering, validation, dry run, writing or rollout). */
        FAILED("it failed at %s"),
        ROLLED_BACK("its rollout of %s failed and was rolled back"),
        PAUSED("paused by an emergency rollback"),
        /** It follows another environment that has not applied the revision either. */
        WAITING("it is waiting too"),
        /** Its state could not be read (its cluster unreachable): not known to have applied the revision. */
        UNKNOWN("its state could not be read");

        private final String why;

        Reason(String why) {
            this.why = why;
        }
    }

    /**
     * One environment the target follows.
     *
     * @param state   what it remembers (its history's state), or null when it could not be read
     * @param thisRun what it did earlier in this reconcile, or null when it did not run before the target
     */
    record Followed(String environment, TargetState state, ThisRun thisRun) {
        Followed {
            Objects.requireNonNull(environment, "environment");
        }

        static Followed remembered(String environment, TargetState state) {
            return new Followed(environment, state, null);
        }
    }

    /** A followed environment the target waits for, and why. */
    record Wait(String environment, Reason reason, Revision releases) {
        /** {@code staging}, or {@code staging (its rollout of releases=main@1a2b3c4 failed)}. */
        String describe() {
            return reason.why == null ? environment
                    : environment + " (" + reason.why.formatted("releases=" + releases.branch() + "@" + releases.shortSha()) + ")";
        }
    }

    /** Proceed when nothing is waited for. */
    record Decision(List<Wait> waits) {
        static final Decision PROCEED = new Decision(List.of());

        Decision {
            waits = List.copyOf(waits);
        }

        boolean proceeds() {
            return waits.isEmpty();
        }

        /** The environments waited for, in the order of {@code after:}. */
        List<String> waitingFor() {
            return waits.stream().map(Wait::environment).toList();
        }

        /** {@code waiting for staging, canary}, with the reason where there is more to say than "not yet"; empty when it proceeds. */
        String message() {
            return proceeds() ? "" : waits.stream().map(Wait::describe).collect(Collectors.joining(", ", "waiting for ", ""));
        }
    }

    private PromotionGate() {
    }

    /**
     * @param releases the release revision the target would apply
     * @param own      the target's own state: a target already standing at {@code releases} was promoted
     *                 before, so a config change or healing its drift does not wait
     * @param followed the environments of its {@code after:}, in that order
     */
    static Decision decide(Revision releases, TargetState own, List<Followed> followed) {
        if (followed.isEmpty() || sameReleases(own == null ? null : own.lastGood(), releases)) {
            return Decision.PROCEED;
        }
        List<Wait> waits = new ArrayList<>();
        for (Followed f : followed) {
            Reason reason = f.thisRun() != null ? fromThisRun(f.thisRun()) : fromState(f.state(), releases);
            if (reason != null) {
                waits.add(new Wait(f.environment(), reason, releases));
            }
        }
        return new Decision(waits);
    }

    /** Null: it stands at the current revision. */
    private static Reason fromThisRun(ThisRun outcome) {
        return switch (outcome) {
            case APPLIED, IN_SYNC, DRIFTED -> null;
            case FAILED -> Reason.FAILED;
            case ROLLED_BACK -> Reason.ROLLED_BACK;
            case HELD -> Reason.ROLLOUT_FAILED;
            case PAUSED -> Reason.PAUSED;
            case WAITING -> Reason.WAITING;
            case WOULD_CHANGE -> Reason.NOT_YET;
        };
    }

    /** Null: it applied {@code releases} and nothing has gone wrong there since. */
    private static Reason fromState(TargetState state, Revision releases) {
        if (state == null) {
            return Reason.UNKNOWN;
        }
        if (state.pausedAt() != null) {
            return Reason.PAUSED;
        }
        if (sameReleases(state.lastFailed(), releases)) {
            return Reason.ROLLOUT_FAILED;
        }
        return sameReleases(state.lastGood(), releases) ? null : Reason.NOT_YET;
    }

    /** Whether {@code revisions} have the releases commit of {@code releases}. */
    private static boolean sameReleases(RevisionPair revisions, Revision releases) {
        return revisions != null && revisions.releases().sha().equals(releases.sha());
    }
}
