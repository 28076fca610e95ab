package io.kustos.reconcile;

import io.kustos.diff.ChangedConfigs;
import io.kustos.diff.Differ;
import io.kustos.render.ObjectKey;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compares the desired state with the live one: the run's diff (secret values only as fingerprints).
 *
 * <p>In the daemon's apply ({@link #onlyChanged}), when the watch caches last matched the environment's last good revision
 * and nothing they watch changed since (their ConfigMaps up to the history just listed: {@link CachesVouchRule}), only the configs the new revision renders differently are compared ({@link ChangedConfigs}): the
 * others are as that revision left them, in sync. Workloads and prunes are judged in full; anything else compares all.
 */
final class CompareStep implements Step {
    private final Differ differ;
    private final HealMemory memory;

    CompareStep(Differ differ) {
        this(differ, null);
    }

    private CompareStep(Differ differ, HealMemory memory) {
        this.differ = differ;
        this.memory = memory;
    }

    /** The daemon's apply: compares only the configs that changed since the last good revision while its watches vouch for the rest. */
    static CompareStep onlyChanged(Differ differ, HealMemory memory) {
        return new CompareStep(differ, memory);
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        run.diff = differ.diff(run.desired, run.live, compared(run));
        return Step.next();
    }

    private Predicate<ObjectKey> compared(EnvironmentRun run) {
        var history = run.found == null ? null : run.found.history();
        var good = history == null ? null : CachesVouchRule.vouchedGood(memory, run, history.getMetadata().getResourceVersion());
        return good == null ? key -> true : ChangedConfigs.between(good, run.desired);
    }
}
