package io.kustos.reconcile;

import io.kustos.live.WatchedObjects;
import io.kustos.source.RevisionPair;

/**
 * When the daemon's watch caches vouch for the objects of an environment it does not compare again: every watch is up,
 * nothing they watch changed since they last matched the last good revision ({@link HealMemory.MatchedAt}), and their lag
 * is bounded by the history just read: the namespace's ConfigMap watch has handled {@code kustos-history} at that read's
 * resourceVersion or later ({@link WatchedObjects#historyHandled}: its handlers, not its cache, which fabric8 fills
 * first), and nothing was counted since the changes were read. Used by {@link UntouchedEnvironmentStep} (an environment a
 * commit leaves as it was) and {@link CompareStep} (only the changed configs compared).
 */
final class CachesVouchRule {
    private CachesVouchRule() {
    }

    /**
     * The desired state of the last good revision that the caches of {@code run}'s environment vouch for, as of the history
     * read at {@code historyVersion}: the daemon remembers that revision for this target, every watch is up, nothing they
     * watch changed since they matched it, and their ConfigMaps are up to that history ({@link #upToTheHistory}). Null
     * when any of it does not hold (the CLI, a retry, no memory, a watch down, a change since, caches behind).
     */
    static io.kustos.render.DesiredState vouchedGood(HealMemory memory, EnvironmentRun run, String historyVersion) {
        if (memory == null || !memory.watches() || run.retry || historyVersion == null) {
            return null;
        }
        var target = run.access.target();
        var good = memory.lastGood(run.environment());
        var goodState = memory.lastGoodState(run.environment());
        if (good == null || goodState == null || !good.target().equals(target) || !good.revisions().equals(goodState.revisions().pair())) {
            return null;
        }
        var watched = memory.watched(target);
        long changes = watched.changes();
        return unchangedSince(memory, run.environment(), watched, good.revisions(), changes)
                && upToTheHistory(watched, changes, target.namespace(), historyVersion) ? goodState : null;
    }

    /** Whether every watch is up and nothing they watch changed since the caches matched {@code good} at {@code changes}. */
    static boolean unchangedSince(HealMemory memory, String environment, WatchedObjects watched, RevisionPair good, long changes) {
        return watched.watching() && memory.unchangedSince(environment, new HealMemory.MatchedAt(good, changes));
    }

    /**
     * Whether the ConfigMap watch of {@code namespace} has handled the history at {@code historyVersion} or later, and
     * still nothing was counted since {@code changes} was read. In this order: once the history's event is handled,
     * every earlier change has been counted, so a change older than the history's last write moves the count.
     */
    static boolean upToTheHistory(WatchedObjects watched, long changes, String namespace, String historyVersion) {
        return watched.historyHandled(namespace, historyVersion) && watched.changes() == changes;
    }
}
