package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kustos.diff.ChangedConfigs;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.history.HistoryStore;
import io.kustos.live.CachesWithFreshObjects;
import io.kustos.live.LiveStateReader;
import io.kustos.live.WatchedObjects;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * In the daemon, an environment a commit touches reads what it compares from the watch caches instead of one list per kind
 * and namespace, before the write lock and again under it (issue 18 point 3), when the caches vouch for it
 * ({@link CachesVouchRule#vouchedGood}, judged against the history read fresh by one GET each time): every watch up,
 * nothing they watch changed since they matched the last good revision this process remembers, their ConfigMaps up to
 * that history, and the history still standing at that revision (not failed since, not paused: no other writer recorded
 * another). Under the lock it confirms by two more things: the history is the very one this run read (or wrote) before
 * the lock — a writer that held the lock in between has recorded, and then the run lists as before — and the configs the
 * commit changes, the ones compared ({@link CompareStep#onlyChanged}), are read fresh, one GET each
 * ({@link CachesWithFreshObjects}). Caches not seen to match the last good revision since they last changed (this
 * environment's own last apply changed them) are compared with it first, as a heal poll would: commit after commit reads
 * from them with no poll between. Anything else (the CLI, a retry, no memory after a restart, a watch down, a change
 * counted since, a history in parts) lists, as before.
 */
final class CachedLiveRead {
    private static final Logger LOG = LoggerFactory.getLogger(CachedLiveRead.class);
    /** How long {@link #matchAfterApply} waits for the watches to deliver the run's record (a moment, usually). */
    static final java.time.Duration AFTER_APPLY_WAIT = java.time.Duration.ofSeconds(1);
    private final HealMemory memory;
    private final Differ differ;
    /** {@link #AFTER_APPLY_WAIT}, but in tests that must not depend on how soon a loaded machine's watch delivers. */
    private volatile java.time.Duration afterApplyWait = AFTER_APPLY_WAIT;

    CachedLiveRead(HealMemory memory, Differ differ) {
        this.memory = memory;
        this.differ = differ;
    }

    /** What the caches hold of {@code run}'s desired state, with its history read fresh; null when they do not vouch (list). */
    LiveStateReader.Found read(EnvironmentRun run) {
        if (!memory.watches() || run.retry) {
            return null;
        }
        var store = run.access.store();
        ConfigMap history = store.getConfigMap();
        if (history == null || history.getData() == null || HistoryStore.parted(history)) {
            LOG.debug("{}: listing: no history, or one kept in parts", run.environment());
            return null;
        }
        String version = history.getMetadata().getResourceVersion();
        boolean locked = run.lock != null;
        if (locked && (run.past == null || !version.equals(run.past.resourceVersion()))) {
            LOG.debug("{}: the history was written since it was read before the lock; listing", run.environment());
            return null;
        }
        var good = memory.lastGood(run.environment());
        matchedNow(run, good);
        var goodState = CachesVouchRule.vouchedGood(memory, run, version);
        if (goodState == null || !UnchangedInputsRule.standsAt(store.stateOf(history), good)) {
            LOG.debug("{}: listing: the watch caches do not vouch for the last good revision{}", run.environment(),
                    goodState == null ? "" : " (the history does not stand at it)");
            return null;
        }
        var caches = memory.watched(run.access.target()).caches();
        if (caches.isEmpty()) {
            return null;
        }
        List<ObjectKey> fresh = locked ? run.desired.configs().stream().map(DesiredConfig::key)
                .filter(ChangedConfigs.between(goodState, run.desired)).toList() : List.of();
        LiveStateReader.Found found;
        try {
            found = new LiveStateReader(new CachesWithFreshObjects(caches.get(), run.access.client(), fresh)).read(run.desired);
        } catch (WatchedObjects.WatchUnavailableException e) {
            return null;
        }
        if (CachesVouchRule.vouchedGood(memory, run, version) == null) {
            LOG.debug("{}: listing: a change arrived while the caches were read", run.environment());
            return null;
        }
        LOG.debug("{}: read from the watch caches{}", run.environment(), locked ? ", " + fresh.size() + " changed config(s) by GET" : "");
        return new LiveStateReader.Found(found.state(), history, List.of());
    }

    /**
     * After {@code run} applied and recorded its revision (the daemon's apply): waits, at most {@link #AFTER_APPLY_WAIT},
     * until the watches have delivered the history as recorded, and with it every ConfigMap write of the run before it,
     * then compares the caches with that revision ({@link #matchedNow}). The next commit then finds them vouched for and
     * reads them without comparing them first: that compare of every cached object was on the way from its webhook to its
     * write. Caches that do not match yet (a workload's events behind, a change by someone else) are left as they were:
     * the next commit compares them, as before.
     */
    void matchAfterApply(EnvironmentRun run) {
        if (!memory.watches() || run.recorded == null || run.recorded.resourceVersion() == null) {
            return;
        }
        var watched = memory.watched(run.access.target());
        try {
            if (!watched.watching()
                    || !watched.awaitHistoryHandled(run.access.target().namespace(), run.recorded.resourceVersion(), afterApplyWait)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (matchedNow(run, memory.lastGood(run.environment()))) {
            LOG.debug("{}: the watch caches match the revision just applied", run.environment());
        }
    }

    /** For tests: {@link #matchAfterApply} waits at most {@code max} for the watches (it returns as soon as they delivered). */
    void afterApplyWaitingAtMost(java.time.Duration max) {
        this.afterApplyWait = max;
    }

    /**
     * When the caches have not been seen to match the last good revision since they last changed (this environment's own
     * last apply changed them), compares them with it now, as a heal poll would ({@link WatchedCompareStep}), and remembers
     * that they match: the next commit need not wait for a poll to read from them. @return whether it compared them now and
     * they matched
     */
    private boolean matchedNow(EnvironmentRun run, UnchangedInputsRule.Rendered good) {
        var goodState = memory.lastGoodState(run.environment());
        if (good == null || goodState == null || !good.target().equals(run.access.target())) {
            return false;
        }
        var watched = memory.watched(run.access.target());
        var at = new HealMemory.MatchedAt(good.revisions(), watched.changes());
        if (watched.watching() && memory.unchangedSince(run.environment(), at)) {
            return false;
        }
        // reading the caches starts the watches not started yet (no poll may have read them): they vouch from the next commit
        long start = System.nanoTime();
        Diff cached = WatchedCompareStep.cachedDiff(differ, watched, goodState);
        LOG.debug("{}: compared the watch caches with the last good revision in {} ms", run.environment(), (System.nanoTime() - start) / 1_000_000);
        if (cached != null && cached.isEmpty() && watched.watching()) {
            memory.matched(run.environment(), at);
            return true;
        } else {
            LOG.debug("{}: the watch caches do not match the last good revision ({})", run.environment(),
                    cached == null ? "not synced" : cached.configs().size() + " config(s), " + cached.workloads().size() + " workload(s), " + cached.prunes().size() + " prune(s) differ");
            return false;
        }
    }
}
