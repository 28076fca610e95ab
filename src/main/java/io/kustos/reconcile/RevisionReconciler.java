package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.diff.Diff;
import io.kustos.failure.RetryDelay;
import io.kustos.history.EventRecorder;
import io.kustos.history.HistoryStore;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.render.Renderer;
import io.kustos.render.SourceRevisions;
import io.kustos.source.RepoSnapshot;
import io.kustos.work.ContextExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings every environment to one pair of revisions, each through its own
 * {@link EnvironmentPipeline} ({@link Pipelines}: render, read live, compare, gates, dry run,
 * write, roll out, record), concurrently ({@code sync.environmentConcurrency}) and each failing
 * alone: invalid input, a refused dry run, a failed hook or rollout stop that environment only.
 * An environment that follows others ({@code after:}) waits for them. A cluster that gives no
 * answer fails only its own environments, at once until its retry is due ({@link ClusterOutages}).
 * What someone changed by
 * hand at a revision already applied is drift: {@link #heal} (the daemon's polls without a new
 * commit) and {@code reconcile} (kustos apply) restore it through the same steps, with
 * {@code sync.selfHeal}.
 *
 * <p>One caller at a time.
 */
public final class RevisionReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionReconciler.class);
    /** How often rollouts and hooks are checked while waiting. */
    public static final Duration POLL = Duration.ofMillis(500);

    private final KustosConfig config;
    private final ClusterClients clients;
    private final HealMemory memory;
    private final RenderCache renders;
    private final Pipelines pipelines;
    private final EnvironmentScheduler scheduler;
    private final ClusterOutages outages;
    private final Map<String, EnvironmentAccess> access = new ConcurrentHashMap<>();
    private List<Target> selected;
    private volatile WriteLockPolicy locks = WriteLockPolicy.command("apply");

    public RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients, SnapshotLookup history, Duration poll) {
        this(config, renderer, clients, history, poll, Clock.systemUTC());
    }

    /** @param clock what rollout and hook deadlines are measured by */
    public RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients, SnapshotLookup history, Duration poll,
                              Clock clock) {
        this(config, renderer, clients, history, poll, clock, false);
    }

    private RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients, SnapshotLookup history, Duration poll,
                               Clock clock, boolean watch) {
        this.config = config;
        this.selected = config.targets();
        this.clients = clients;
        this.memory = new HealMemory(clients, watch, new RetryDelay(config.sync().interval()), clock);
        this.renders = new RenderCache(renderer);
        this.pipelines = new Pipelines(config.sync(), config.sources(), renders, new Rollouts(config.sync(), poll, clock), memory, history,
                this::access, () -> locks);
        this.scheduler = new EnvironmentScheduler(new ContextExecutor(config.sync().environmentConcurrency(), "kustos-environment"));
        this.outages = new ClusterOutages(config.sync().interval(), clock);
    }

    /**
     * Lets {@link #heal} compare git with watch caches of the cluster instead of listing it: a poll
     * with no new commit and no drift then sends no request. For the daemon, whose polls repeat.
     */
    public static RevisionReconciler watchingBetweenCommits(KustosConfig config, Renderer renderer, ClusterClients clients,
                                                            SnapshotLookup history, Duration poll) {
        return watchingBetweenCommits(config, renderer, clients, history, poll, Clock.systemUTC());
    }

    /** As {@link #watchingBetweenCommits(KustosConfig, Renderer, ClusterClients, SnapshotLookup, Duration)}, by {@code clock}. */
    public static RevisionReconciler watchingBetweenCommits(KustosConfig config, Renderer renderer, ClusterClients clients,
                                                            SnapshotLookup history, Duration poll, Clock clock) {
        return new RevisionReconciler(config, renderer, clients, history, poll, clock, true);
    }

    /**
     * Reconciles only {@code targets} (kustos apply/diff {@code -e}); the others are neither read
     * nor written, except the history of one that a selected target follows ({@code after:}).
     */
    public RevisionReconciler select(List<Target> targets) {
        this.selected = List.copyOf(targets);
        return this;
    }

    /** How each environment's write lock is taken: as whom, waiting how long (default: a kustos apply waiting 2 minutes). */
    public RevisionReconciler lockingAs(WriteLockPolicy policy) {
        this.locks = policy;
        return this;
    }

    /**
     * For tests: after an apply, waits at most {@code max} (not {@link CachedLiveRead#AFTER_APPLY_WAIT}) for the watches to
     * deliver the run's record before comparing the caches with the revision; the wait ends as soon as they did.
     */
    RevisionReconciler awaitingTheWatchesAfterApplyAtMost(Duration max) {
        pipelines.cachedReads().afterApplyWaitingAtMost(max);
        return this;
    }

    /** What this reconciler remembers between runs (its tests read the watch caches through it). */
    HealMemory memory() {
        return memory;
    }

    /** The lock of {@code target}'s environment, taken as this reconciler takes it (an emergency rollback's). */
    io.kustos.cluster.EnvironmentLock.Held lock(Target target) {
        return pipelines.lock(access(target));
    }

    /** @param apply false to only compute the differences (kustos diff); @param retry try a revision that failed before */
    public ReconcileReport reconcile(RepoSnapshot configRepo, RepoSnapshot releases, boolean apply, boolean retry) {
        var current = SourceRevisions.of(configRepo, releases).pair();
        var pipeline = apply ? pipelines.apply() : pipelines.diff();
        long t0 = System.nanoTime();
        Map<String, TargetOutcome> done = new ConcurrentHashMap<>();
        Map<String, Duration> took = new ConcurrentHashMap<>();
        List<TargetOutcome> out = run(configRepo, releases, apply, t -> {
            long start = System.nanoTime();
            var run = new EnvironmentRun(access(t), configRepo, releases, retry);
            run.earlier = done;
            TargetOutcome o = pipeline.run(run);
            if (apply) {
                rememberGood(run, o);
            }
            done.put(t.environment(), o);
            took.put(t.environment(), Duration.ofNanos(System.nanoTime() - start));
            if (apply && o instanceof TargetOutcome.Applied) {
                pipelines.applied(run); // off the next commit's way (issue 18 point 3): its webhook may come at once
            }
            return apply ? settle(t, o, current) : o;
        });
        LOG.debug("{} {} environment(s) in {} ms", apply ? "applied" : "compared", out.size(), (System.nanoTime() - t0) / 1_000_000);
        return new ReconcileReport(configRepo.revision(), releases.revision(), out, took);
    }

    /**
     * What merging {@code configRepo} and {@code releases} would do to each selected environment,
     * against its live cluster: the diff, the server-side dry run of every write, the hooks, and
     * whom it would wait for ({@code after:}). Nothing is written: no object, fingerprint key,
     * history record, Event or Lease.
     */
    public io.kustos.reconcile.preview.PreviewReport preview(RepoSnapshot configRepo, RepoSnapshot releases) {
        Map<String, TargetOutcome> done = new ConcurrentHashMap<>();
        Map<String, io.kustos.reconcile.preview.EnvironmentPreview> previews = new ConcurrentHashMap<>();
        List<TargetOutcome> out = run(configRepo, releases, true, t -> {
            var run = new EnvironmentRun(access(t), configRepo, releases, false);
            run.earlier = done;
            TargetOutcome o = pipelines.preview().run(run);
            done.put(t.environment(), o);
            previews.put(t.environment(), Previews.of(run, o));
            return o;
        });
        return new io.kustos.reconcile.preview.PreviewReport(configRepo.revision(), releases.revision(),
                out.stream().map(o -> previews.get(o.environment())).toList());
    }

    /**
     * What a pull request changes in each selected environment, by render, not against the cluster:
     * the items {@code head}'s render differs from {@code forkedFrom}'s on ({@link ChangedItem#between}).
     * An environment either side cannot render adds nothing (its preview says why it would be refused).
     */
    public java.util.SortedSet<ChangedItem> changes(SourcePoller.Heads forkedFrom, SourcePoller.Heads head) {
        var items = new java.util.TreeSet<ChangedItem>();
        for (Target t : selected) {
            try {
                items.addAll(ChangedItem.between(renders.renderOnce(forkedFrom.config(), forkedFrom.releases(), t),
                        renders.renderOnce(head.config(), head.releases(), t)));
            } catch (io.kustos.failure.KustosException e) {
                LOG.debug("{}: what the pull request changes is not known: {}", t.environment(), e.getMessage());
            }
        }
        return items;
    }

    /**
     * For a poll that found no new commit: compares the cluster with the last rendered state of
     * each environment (no render, no decrypt) and, with {@code sync.selfHeal}, restores what
     * drifted, taking back fields that someone else overwrote. Nothing is written when nothing drifted.
     */
    public ReconcileReport heal(RepoSnapshot configRepo, RepoSnapshot releases) {
        var current = SourceRevisions.of(configRepo, releases).pair();
        Map<String, Duration> took = new ConcurrentHashMap<>();
        List<TargetOutcome> out = run(configRepo, releases, false, t -> {
            long start = System.nanoTime();
            TargetOutcome o = pipelines.heal().run(new EnvironmentRun(access(t), configRepo, releases, false));
            took.put(t.environment(), Duration.ofNanos(System.nanoTime() - start));
            if (o instanceof TargetOutcome.Failed || o instanceof TargetOutcome.RolledBack) {
                memory.unsettle(t.environment());
            } else if (o instanceof TargetOutcome.Applied || o instanceof TargetOutcome.Drifted) {
                memory.settle(t.environment(), current);
            }
            return o;
        });
        return new ReconcileReport(configRepo.revision(), releases.revision(), out, took);
    }

    private List<TargetOutcome> run(RepoSnapshot configRepo, RepoSnapshot releases, boolean ordered,
                                    java.util.function.Function<Target, TargetOutcome> task) {
        String revision = new io.kustos.source.RevisionPair(configRepo.revision(), releases.revision()).shortForm();
        MDC.put("revision", revision);
        try {
            // a cluster that gives no answer fails its own environments only, at once until its retry is due
            return scheduler.run(selected, revision, ordered, t -> outages.guard(clients.cluster(t), t.environment(), () -> task.apply(t)));
        } finally {
            MDC.remove("revision");
        }
    }

    /**
     * Remembers what was rendered at a revision the run saw recorded as good (applied, confirmed, or good already), for
     * the next revision that leaves the environment's inputs as they were ({@link UntouchedEnvironmentStep}).
     */
    private void rememberGood(EnvironmentRun run, TargetOutcome o) {
        boolean good = o instanceof TargetOutcome.Applied || o instanceof TargetOutcome.InSync && (run.purpose == EnvironmentRun.Purpose.CONFIRM
                || run.past != null && DriftRule.alreadyApplied(run.past.state(), run.current()));
        if (good && run.desired != null) {
            memory.rememberGood(run.access.target(), run.desired);
        }
    }

    /** Remembers whether {@code t} now stands at {@code current} (drifted or not), which is what {@link #heal} restores. */
    private TargetOutcome settle(Target t, TargetOutcome o, io.kustos.source.RevisionPair current) {
        boolean ok = o instanceof TargetOutcome.Applied || o instanceof TargetOutcome.InSync || o instanceof TargetOutcome.Drifted;
        if (ok) {
            memory.settle(t.environment(), current);
        } else {
            memory.unsettle(t.environment());
        }
        return o;
    }

    /**
     * Brings {@code target} back to {@code revisions} from the local clones, without hooks (an emergency rollback), under
     * {@code lock}, which it checks before each write phase and leaves to the caller to give up.
     */
    Diff restore(Target target, io.kustos.source.RevisionPair revisions, io.kustos.cluster.HeldLock lock) {
        return pipelines.restore(access(target), revisions, lock);
    }

    /** An environment's client, history and Events; for any configured environment. */
    EnvironmentAccess access(String environment) {
        return config.targets().stream().filter(t -> t.environment().equals(environment)).findFirst().map(this::access)
                .orElseThrow(() -> new io.kustos.failure.StallingException("no target for environment " + environment + " in kustos.yaml",
                        io.kustos.failure.FailureReason.INVALID_CONFIG));
    }

    EnvironmentAccess access(Target t) {
        return access.computeIfAbsent(t.environment(), e -> {
            var client = clients.forTarget(t);
            return new EnvironmentAccess(t, client, new HistoryStore(client, t.namespace(), t.environment(), config.history().limit()),
                    new EventRecorder(client, () -> locks.holder()));
        });
    }

    HistoryStore store(Target t) {
        return access(t).store();
    }
}
