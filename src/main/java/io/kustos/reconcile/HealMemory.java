package io.kustos.reconcile;

import io.kustos.cluster.TargetCluster;
import io.kustos.live.ClusterWatches;
import io.kustos.live.WatchedObjects;
import io.kustos.config.Target;
import io.kustos.cluster.ClusterClients;
import io.kustos.failure.RetryDelay;
import io.kustos.render.DesiredState;
import io.kustos.source.RevisionPair;

import java.time.Clock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process remembers per environment between polls, for healing drift without a new
 * commit: the revision it saw applied or in sync there (the only one it restores), the watch
 * caches of its objects (daemon only: one watch per cluster, kind and namespace, shared by the
 * environments there), and the revision and cache changes when those last matched.
 */
final class HealMemory {
    private final ClusterClients clients;
    private final boolean watch;
    private final RetryDelay watchRetry;
    private final Clock clock;
    private final Map<String, RevisionPair> settled = new ConcurrentHashMap<>();
    private final Map<TargetCluster, ClusterWatches> clusters = new ConcurrentHashMap<>();
    private final Map<String, WatchedObjects> watched = new ConcurrentHashMap<>();
    private final Map<String, MatchedAt> inSyncAt = new ConcurrentHashMap<>();
    private final Map<String, UnchangedInputsRule.Rendered> good = new ConcurrentHashMap<>();
    private final Map<String, DesiredState> goodStates = new ConcurrentHashMap<>();

    /**
     * @param watch      compare with watch caches instead of listing (the daemon, whose polls repeat)
     * @param watchRetry backoff of a watch that could not be started (the sync interval's), by {@code clock}
     */
    HealMemory(ClusterClients clients, boolean watch, RetryDelay watchRetry, Clock clock) {
        this.clients = clients;
        this.watch = watch;
        this.watchRetry = watchRetry;
        this.clock = clock;
    }

    boolean watches() {
        return watch;
    }

    boolean settledAt(String environment, RevisionPair revisions) {
        return revisions.equals(settled.get(environment));
    }

    void settle(String environment, RevisionPair revisions) {
        settled.put(environment, revisions);
    }

    void unsettle(String environment) {
        settled.remove(environment);
    }

    WatchedObjects watched(Target t) {
        return watched.computeIfAbsent(t.environment(),
                e -> clusters.computeIfAbsent(clients.cluster(t), c -> new ClusterWatches(c.client(), watchRetry, clock)).forEnvironment());
    }

    /** The watch caches matched {@code revisions} when they had seen {@code changes} ({@link WatchedObjects#changes()}). */
    record MatchedAt(RevisionPair revisions, long changes) {
    }

    /** Whether nothing watched changed since the caches last matched: {@code at} is what they last matched. */
    boolean unchangedSince(String environment, MatchedAt at) {
        return at != null && at.equals(inSyncAt.get(environment));
    }

    /** Remembers that the caches matched as {@code at} says; null: forgets it. */
    void matched(String environment, MatchedAt at) {
        if (at == null) {
            inSyncAt.remove(environment);
        } else {
            inSyncAt.put(environment, at);
        }
    }

    /** What this process rendered at the revision it last saw recorded as good in {@code environment}, or null. */
    UnchangedInputsRule.Rendered lastGood(String environment) {
        return good.get(environment);
    }

    /** The desired state this process rendered at the revision it last saw recorded as good in {@code environment}, or null. */
    DesiredState lastGoodState(String environment) {
        return goodStates.get(environment);
    }

    /** Remembers that {@code desired}, rendered for {@code target}, was recorded as good (applied, confirmed, or found already good). */
    void rememberGood(Target target, DesiredState desired) {
        good.put(target.environment(), UnchangedInputsRule.Rendered.of(target, desired));
        goodStates.put(target.environment(), desired);
    }
}
