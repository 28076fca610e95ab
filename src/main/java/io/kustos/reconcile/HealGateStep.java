package io.kustos.reconcile;

import io.kustos.diff.Diff;

import java.util.List;
import java.util.Optional;

/**
 * The gate of a poll without a new commit: only an environment this process saw applied or in
 * sync at this revision is healed; one in sync ends here; one paused by an emergency rollback
 * or holding a failed revision is left alone (and forgotten until the next reconcile), and so is
 * one another writer has moved on to another revision since ({@link MovedOnRule}); anything else
 * that differs is drift ({@link DriftHealing}).
 */
final class HealGateStep implements Step {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealGateStep.class);
    private final HealMemory memory;
    private final DriftHealing drift;
    private final boolean afterCompare;

    private HealGateStep(HealMemory memory, DriftHealing drift, boolean afterCompare) {
        this.memory = memory;
        this.drift = drift;
        this.afterCompare = afterCompare;
    }

    /** Before rendering: not settled at these revisions (failed, held, refused, paused, waiting): nothing to restore to. */
    static HealGateStep settled(HealMemory memory) {
        return new HealGateStep(memory, null, false);
    }

    /** After comparing with the cluster and reading the history. */
    static HealGateStep drifted(HealMemory memory, DriftHealing drift) {
        return new HealGateStep(memory, drift, true);
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        String env = run.environment();
        if (!afterCompare) {
            var current = io.kustos.render.SourceRevisions.of(run.config, run.releases).pair();
            return memory.settledAt(env, current) ? Step.next() : Step.stop(new TargetOutcome.InSync(env, null));
        }
        if (run.diff.isEmpty()) {
            return Step.stop(new TargetOutcome.InSync(env, run.diff));
        }
        var verdict = RevisionGate.decide(run.past.state(), run.current(), false);
        if (verdict == RevisionGate.Verdict.PAUSED || verdict == RevisionGate.Verdict.HELD) {
            memory.unsettle(env);
            return Step.stop(new TargetOutcome.InSync(env, new Diff(run.desired, List.of(), List.of())));
        }
        if (MovedOnRule.movedOn(run.past.state(), run.current())) {
            // another writer applied another revision since (read again under the write lock): not drift; the next poll decides
            LOG.info("{}: not healed: another writer applied {} since this process applied {}; the next poll reconciles to git",
                    env, run.past.state().lastGood(), run.current());
            memory.unsettle(env);
            return Step.stop(new TargetOutcome.InSync(env, new Diff(run.desired, List.of(), List.of())));
        }
        return drift.start(run);
    }
}
