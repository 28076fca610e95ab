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
        Predicate<ObjectKey> all = key -> true;
        if (memory == null || !memory.watches() || run.retry || run.found == null || run.found.history() == null) {
            return all;
        }
        var target = run.access.target();
        var good = memory.lastGood(run.environment());
        var goodState = memory.lastGoodState(run.environment());
        if (good == null || goodState == null || !good.target().equals(target) || !good.revisions().equals(goodState.revisions().pair())) {
            return all;
        }
        var watched = memory.watched(target);
        long changes = watched.changes();
        if (!CachesVouchRule.unchangedSince(memory, run.environment(), watched, good.revisions(), changes)
                || !CachesVouchRule.upToTheHistory(watched, changes, target.namespace(), run.found.history().getMetadata().getResourceVersion())) {
            return all;
        }
        return ChangedConfigs.between(goodState, run.desired);
    }
}
