package io.kustos.reconcile;

import io.kustos.failure.KustosException;
import io.kustos.history.RecordBuilder;
import io.kustos.outcome.Outcome;
import io.kustos.history.TargetState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Explicit promotion: an environment with {@code after: [staging]} applies a release revision
 * only once each environment it follows has applied it ({@link PromotionGate}). Until then the
 * run ends waiting, recorded once per revision in its history ({@code waiting}, with whom it
 * waits for) and said by {@code kustos apply}, the metrics and the status. In a preview
 * ({@link #previewing}) the decision is only kept in the run: nothing is recorded, and the run goes on.
 */
final class PromotionStep implements Step {
    private final Function<String, EnvironmentAccess> environments;
    private final boolean preview;

    /** @param environments every configured environment by name (also those not reconciled in this run) */
    PromotionStep(Function<String, EnvironmentAccess> environments) {
        this(environments, false);
    }

    private PromotionStep(Function<String, EnvironmentAccess> environments, boolean preview) {
        this.environments = environments;
        this.preview = preview;
    }

    /** For kustos preview: decides whom a run that would write waits for, into {@link EnvironmentRun#promotion}. */
    static PromotionStep previewing(Function<String, EnvironmentAccess> environments) {
        return new PromotionStep(environments, true);
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        var after = run.access.target().after();
        if (after.isEmpty() || run.purpose != EnvironmentRun.Purpose.APPLY || run.plan.isEmpty()) {
            return Step.next();
        }
        List<PromotionGate.Followed> followed = new ArrayList<>();
        for (String env : after) {
            TargetOutcome earlier = run.earlier.get(env);
            followed.add(earlier != null ? new PromotionGate.Followed(env, null, thisRun(earlier))
                    : PromotionGate.Followed.remembered(env, state(env)));
        }
        var decision = PromotionGate.decide(run.desired.revisions().releases(), run.past.state(), followed);
        if (preview) {
            run.promotion = decision;
            return Step.next();
        }
        if (decision.proceeds()) {
            return Step.next();
        }
        recordOnce(run, decision.message());
        return Step.stop(new TargetOutcome.Waiting(run.environment(), decision.waitingFor(), decision.message()));
    }

    /** Its state as its history says, or null when that cannot be read (its cluster unreachable). */
    private TargetState state(String environment) {
        try {
            return environments.apply(environment).store().load().state();
        } catch (KustosException e) {
            return null;
        }
    }

    private static PromotionGate.ThisRun thisRun(TargetOutcome o) {
        if (o instanceof TargetOutcome.Applied) {
            return PromotionGate.ThisRun.APPLIED;
        } else if (o instanceof TargetOutcome.InSync) {
            return PromotionGate.ThisRun.IN_SYNC;
        } else if (o instanceof TargetOutcome.Drifted) {
            return PromotionGate.ThisRun.DRIFTED;
        } else if (o instanceof TargetOutcome.RolledBack) {
            return PromotionGate.ThisRun.ROLLED_BACK;
        } else if (o instanceof TargetOutcome.Held) {
            return PromotionGate.ThisRun.HELD;
        } else if (o instanceof TargetOutcome.Paused) {
            return PromotionGate.ThisRun.PAUSED;
        } else if (o instanceof TargetOutcome.Waiting) {
            return PromotionGate.ThisRun.WAITING;
        } else if (o instanceof TargetOutcome.Differs) {
            return PromotionGate.ThisRun.WOULD_CHANGE;
        }
        return PromotionGate.ThisRun.FAILED;
    }

    /** One {@code waiting} record and Event per revision and message, however often the daemon polls. */
    private static void recordOnce(EnvironmentRun run, String message) {
        var past = run.past;
        boolean recorded = past.records().stream().findFirst()
                .filter(r -> r.outcome() == Outcome.WAITING && r.isOf(run.current()) && message.equals(r.message()))
                .isPresent();
        if (recorded) {
            return;
        }
        // nothing was written: the record and the Event list no objects
        run.access.store().save(past, past.state(), RecordBuilder.of(past.nextNumber(), run.environment(), run.desired.revisions(),
                null, Outcome.WAITING, message, run.started, Instant.now()));
        RecordStep.event(run, "Waiting", run.current() + ": " + message, null, false);
    }
}
