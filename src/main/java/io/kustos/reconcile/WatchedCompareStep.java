package io.kustos.reconcile;

import io.kustos.live.LiveStateReader;
import io.kustos.live.WatchedObjects;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.render.DesiredState;

import java.util.List;
import java.util.Optional;

/**
 * For a poll without a new commit, the daemon first compares git with its watch caches of the
 * cluster instead of listing it: when nothing watched changed since the caches last matched this
 * revision, or the caches match it now, the run ends in sync having sent no request. Both hold only
 * while every watch is up: one that is down or stopped may have missed a change, so the run lists.
 * A difference the caches show goes on to be confirmed by listing before anything is written.
 */
final class WatchedCompareStep implements Step {
    private final HealMemory memory;
    private final Differ differ;

    WatchedCompareStep(HealMemory memory, Differ differ) {
        this.memory = memory;
        this.differ = differ;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (!memory.watches()) {
            return Step.next();
        }
        String env = run.environment();
        var watched = memory.watched(run.access.target());
        // a watch that is down or stopped (the API server away) may have missed changes: then compare anew
        var changes = new HealMemory.MatchedAt(run.current(), watched.changes());
        if (watched.watching() && memory.unchangedSince(env, changes)) {
            return Step.stop(new TargetOutcome.InSync(env, new Diff(run.desired, List.of(), List.of())));
        }
        memory.matched(env, null);
        Diff cached = cachedDiff(differ, watched, run.desired);
        if (cached != null && cached.isEmpty() && watched.watching()) {
            memory.matched(env, changes);
            return Step.stop(new TargetOutcome.InSync(env, cached));
        }
        return Step.next();
    }

    /** The diff against the watch caches, or null when there are none (no watch permission, not synced). */
    static Diff cachedDiff(Differ differ, WatchedObjects watched, DesiredState desired) {
        var objects = watched.caches();
        if (objects.isEmpty()) {
            return null;
        }
        try {
            return differ.diff(desired, new LiveStateReader(objects.get()).read(desired).state());
        } catch (WatchedObjects.WatchUnavailableException e) {
            return null;
        }
    }
}
