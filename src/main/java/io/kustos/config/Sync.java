package io.kustos.config;

import java.time.Duration;

/**
 * How Kustos reconciles.
 *
 * @param interval          time between polls of the sources; default 1m
 * @param prune             delete managed objects that left git; default true
 * @param selfHeal          restore managed fields changed by hand; default true
 * @param rollbackOnFailure re-apply the last good revision when a rollout fails; default true
 * @param rolloutTimeout    how long to wait for a rollout; default 5m
 * @param force             take over fields another field manager owns (server-side apply
 *                          {@code force=true}) for ConfigMaps and Secrets; default false: a conflict is reported
 * @param allowPruneAll     prune every object of an environment when git renders none for it; default false
 * @param concurrency       how many server-side dry runs or writes of one phase of a plan are in flight
 *                          at once (1 to 128); default 16
 * @param environmentConcurrency how many environments are reconciled at once (1 to 64); default 4
 * @param writeLock         the per-environment lock (a Lease) taken before the write phase
 */
public record Sync(Duration interval, Boolean prune, Boolean selfHeal, Boolean rollbackOnFailure,
                   Duration rolloutTimeout, Boolean force, Boolean allowPruneAll, Integer concurrency,
                   Integer environmentConcurrency, WriteLock writeLock) {
    public static final Sync DEFAULT = new Sync(null, null, null, null, null, null, null, null, null, null);
    public static final int MAX_ENVIRONMENT_CONCURRENCY = 64;
    public static final int MAX_CONCURRENCY = 128;

    public Sync {
        interval = interval == null ? Duration.ofMinutes(1) : interval;
        prune = prune == null || prune;
        selfHeal = selfHeal == null || selfHeal;
        rollbackOnFailure = rollbackOnFailure == null || rollbackOnFailure;
        rolloutTimeout = rolloutTimeout == null ? Duration.ofMinutes(5) : rolloutTimeout;
        force = force != null && force;
        allowPruneAll = allowPruneAll != null && allowPruneAll;
        concurrency = concurrency == null ? 16 : concurrency;
        environmentConcurrency = environmentConcurrency == null ? 4 : environmentConcurrency;
        writeLock = writeLock == null ? WriteLock.DEFAULT : writeLock;
    }

    /** Settings with the default write lock. */
    public Sync(Duration interval, Boolean prune, Boolean selfHeal, Boolean rollbackOnFailure, Duration rolloutTimeout, Boolean force,
                Boolean allowPruneAll, Integer concurrency, Integer environmentConcurrency) {
        this(interval, prune, selfHeal, rollbackOnFailure, rolloutTimeout, force, allowPruneAll, concurrency, environmentConcurrency, null);
    }
}
