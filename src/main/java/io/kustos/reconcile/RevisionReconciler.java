package io.kustos.reconcile;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

import io.kustos.failure.StallingException;

import io.kustos.failure.KustosException;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kustos.apply.FingerprintKey;
import io.kustos.apply.LiveStateReader;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.history.EventRecorder;
import io.kustos.history.History;
import io.kustos.history.HistoryStore;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredState;
import io.kustos.render.Renderer;
import io.kustos.rollout.RolloutFailedException;
import io.kustos.source.RepoSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings every target to one pair of revisions, in steps that each stop the revision on failure:
 * render all targets (validation), read the cluster, diff, dry-run every write of every target,
 * then per target write, roll out, record ({@link TargetExecution}). A revision that does not
 * render, or whose dry run is refused, writes nothing anywhere (one that does not render is recorded once,
 * {@link InvalidRevision}). A revision that failed before is
 * held until a new commit (or {@code retry}); an environment paused by an emergency rollback is
 * skipped until a new commit ({@link RevisionGate}). What someone changed by hand at a revision
 * already applied is drift: {@link #heal} (the daemon's polls without a new commit) and
 * {@code reconcile} (kustos apply) restore it through the same step, with {@code sync.selfHeal}.
 */
public final class RevisionReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionReconciler.class);
    /** How often rollouts and hooks are checked while waiting. */
    public static final Duration POLL = Duration.ofMillis(500);

    private final KustosConfig config;
    private final Renderer renderer;
    private final ClusterClients clients;
    private final SnapshotLookup history;
    private final Duration poll;
    private final Differ differ;
    private final Planner planner = new Planner();
    private final DriftHealing drift;
    private final Map<String, DesiredState> rendered = new HashMap<>();
    /** Per environment, the revisions this process saw applied or in sync: the only ones {@link #heal} restores. */
    private final Map<String, String> settled = new HashMap<>();
    /** Per environment, watch caches for {@link #heal} (daemon only; empty: heal lists). */
    private final Map<String, io.kustos.apply.WatchedObjects> watched = new HashMap<>();
    private boolean watch;
    /** Per environment, the revision and {@link io.kustos.apply.WatchedObjects#changes} when its caches last matched it. */
    private final Map<String, String> inSyncAt = new HashMap<>();

    public RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients, SnapshotLookup history, Duration poll) {
        this.config = config;
        this.renderer = renderer;
        this.clients = clients;
        this.history = history;
        this.poll = poll;
        this.differ = new Differ(config.sync().prune(), config.sync().allowPruneAll());
        this.drift = new DriftHealing(config.sync());
    }

    /** @param apply false to only compute the differences (kustos diff); @param retry try a revision that failed before */
    public ReconcileReport reconcile(RepoSnapshot configRepo, RepoSnapshot releases, boolean apply, boolean retry) {
        MDC.put("revision", "config=" + configRepo.revision().shortSha() + ",releases=" + releases.revision().shortSha());
        try {
            Map<Target, DesiredState> desired = new LinkedHashMap<>();
            Map<Target, Compared> compared = new LinkedHashMap<>();
            try {
                long t0 = System.nanoTime();
                Map<Target, StallingException> invalid = new LinkedHashMap<>();
                for (Target t : config.targets()) {
                    try {
                        desired.put(t, render(configRepo, releases, t));
                    } catch (StallingException e) {
                        invalid.put(t, e);
                    }
                }
                if (!invalid.isEmpty()) {
                    return invalid(configRepo, releases, invalid, apply, retry);
                }
                long t1 = System.nanoTime();
                compared.putAll(compareAll(desired, apply));
                LOG.debug("rendered {} environment(s) in {} ms, compared them with the cluster in {} ms", desired.size(),
                        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                if (!apply) {
                    List<TargetOutcome> out = new ArrayList<>();
                    compared.forEach((t, c) -> out.add(preview(t, desired.get(t), c)));
                    return report(configRepo, releases, out);
                }
                return applyAll(configRepo, releases, desired, compared, retry);
            } catch (KustosException e) {
                LOG.debug("revision not applied ({}): {}", e.kind(), e.getMessage()); // the report carries it
                return report(configRepo, releases, config.targets().stream()
                        .<TargetOutcome>map(t -> new TargetOutcome.Failed(t.environment(), e)).toList());
            }
        } finally {
            MDC.remove("revision");
        }
    }

    /**
     * The revision does not render (or decrypt) for the targets in {@code invalid}: nothing is
     * written anywhere, as for any refused revision; with {@code apply}, each of those targets
     * records it once ({@link InvalidRevision}). The others report the first error.
     */
    private ReconcileReport invalid(RepoSnapshot configRepo, RepoSnapshot releases, Map<Target, StallingException> invalid,
                                    boolean apply, boolean retry) {
        StallingException first = invalid.values().iterator().next();
        LOG.debug("revision not applied ({}): {}", first.kind(), first.getMessage()); // the report carries it
        if (apply) {
            var revisions = io.kustos.render.SourceRevisions.of(configRepo, releases);
            invalid.forEach((t, e) -> InvalidRevision.record(t, store(t), new EventRecorder(clients.forTarget(t)), revisions, e, retry));
        }
        return report(configRepo, releases, config.targets().stream()
                .<TargetOutcome>map(t -> new TargetOutcome.Failed(t.environment(), invalid.getOrDefault(t, first))).toList());
    }

    /**
     * Lets {@link #heal} compare git with watch caches of the cluster instead of listing it: a poll
     * with no new commit and no drift then sends no request. A difference the caches show is
     * confirmed by listing before anything is written. For the daemon, whose polls repeat.
     */
    public RevisionReconciler watchBetweenCommits() {
        this.watch = true;
        return this;
    }

    /**
     * For a poll that found no new commit: compares the cluster with the last rendered state of
     * each target (no render, no decrypt) and, with {@code sync.selfHeal}, restores what drifted,
     * taking back fields that someone else overwrote. Nothing is written when nothing drifted.
     */
    public ReconcileReport heal(RepoSnapshot configRepo, RepoSnapshot releases) {
        List<TargetOutcome> out = new ArrayList<>();
        String current = "config=" + configRepo.revision() + ";releases=" + releases.revision();
        for (Target t : config.targets()) {
            if (!current.equals(settled.get(t.environment()))) {
                // not applied (failed, held, refused, paused, behind another environment): nothing to restore to
                out.add(new TargetOutcome.InSync(t.environment(), null));
                continue;
            }
            try {
                DesiredState d = render(configRepo, releases, t);
                String changes = watch ? current + "@" + watched(t).changes() : null;
                if (changes != null && changes.equals(inSyncAt.get(t.environment()))) {
                    // nothing watched changed since the caches last matched this revision
                    out.add(new TargetOutcome.InSync(t.environment(), new Diff(d, List.of(), List.of())));
                    continue;
                }
                inSyncAt.remove(t.environment());
                Diff cached = cachedDiff(t, d);
                if (cached != null && cached.isEmpty()) {
                    inSyncAt.put(t.environment(), changes);
                }
                Compared c = cached != null && cached.isEmpty() ? null : compare(t, d, config.sync().selfHeal());
                Diff diff = c == null ? cached : c.diff();
                if (diff.isEmpty()) {
                    out.add(new TargetOutcome.InSync(t.environment(), diff));
                    continue;
                }
                History past = store(t).read(c.history());
                var verdict = RevisionGate.decide(past.state(), current, false);
                if (verdict == RevisionGate.Verdict.PAUSED || verdict == RevisionGate.Verdict.HELD) {
                    settled.remove(t.environment());
                    out.add(new TargetOutcome.InSync(t.environment(), new Diff(d, List.of(), List.of())));
                    continue;
                }
                out.add(settle(t, restore(t, d, diff, past), current));
            } catch (KustosException e) {
                settled.remove(t.environment());
                out.add(new TargetOutcome.Failed(t.environment(), e));
            }
        }
        return report(configRepo, releases, out);
    }

    /** The drift step ({@link DriftHealing}), the same for {@link #heal} and kustos apply. */
    private TargetOutcome restore(Target t, DesiredState d, Diff diff, History past) {
        return drift.restore(t.environment(), execution(t), d, diff, past);
    }

    /** kustos diff: what differs, as drift when the target already stands at this revision (its history, as listed). */
    private TargetOutcome preview(Target t, DesiredState d, Compared c) {
        if (c.diff().isEmpty()) {
            return new TargetOutcome.InSync(t.environment(), c.diff());
        }
        var state = store(t).read(c.history()).state();
        return RevisionGate.decide(state, d.revisions().annotation(), false) == RevisionGate.Verdict.DRIFT
                ? new TargetOutcome.Drifted(t.environment(), c.diff(), false)
                : new TargetOutcome.Differs(t.environment(), c.diff());
    }

    private ReconcileReport applyAll(RepoSnapshot c, RepoSnapshot r, Map<Target, DesiredState> desired, Map<Target, Compared> compared,
                                     boolean retry) {
        Map<Target, Diff> diffs = new LinkedHashMap<>();
        compared.forEach((t, cmp) -> diffs.put(t, cmp.diff()));
        Map<Target, Plan> plans = new LinkedHashMap<>();
        Map<Target, History> pasts = new LinkedHashMap<>();
        Map<Target, TargetOutcome> held = new LinkedHashMap<>();
        java.util.Set<Target> drifted = new java.util.HashSet<>();
        for (var e : diffs.entrySet()) {
            Target t = e.getKey();
            Plan plan = planner.plan(e.getValue());
            plans.put(t, plan);
            // read with the live state, no GET of its own; its resourceVersion still guards the save
            History past = store(t).read(compared.get(t).history());
            String current = desired.get(t).revisions().annotation();
            if (RevisionGate.endsPause(past.state(), current)) {
                LOG.info("{}: a new commit ends the pause of the emergency rollback", t.environment());
                past = store(t).save(past, past.state().withPause(null), null);
            }
            pasts.put(t, past);
            if (plan.isEmpty()) {
                continue;
            }
            switch (RevisionGate.decide(past.state(), current, retry)) {
                case PAUSED -> held.put(t, new TargetOutcome.Paused(t.environment(), past.state().pausedAt(), past.state().lastGood()));
                case HELD -> held.put(t, new TargetOutcome.Failed(t.environment(), new RolloutFailedException(t.environment() + ": revision "
                        + current + " failed before and is not tried again until a new commit (kustos apply --retry tries it now)", FailureReason.HELD)));
                case DRIFT -> drifted.add(t); // its own dry run, in restore
                case APPLY -> {
                    long t0 = System.nanoTime();
                    execution(t).rollout(config.sync().force()).dryRun(plan, desired.get(t));
                    LOG.debug("{}: dry run of {} step(s) in {} ms", t.environment(), plan.steps().size(), (System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        List<TargetOutcome> out = new ArrayList<>();
        String stoppedBy = null;
        for (var e : plans.entrySet()) {
            Target t = e.getKey();
            String current = desired.get(t).revisions().annotation();
            var state = pasts.get(t).state();
            if (e.getValue().isEmpty() && stoppedBy == null && state.pausedAt() == null
                    && !current.equals(state.lastGood()) && !current.equals(state.lastFailed())) {
                TargetOutcome o = settle(t, execution(t).confirm(desired.get(t), diffs.get(t), pasts.get(t)), current);
                out.add(o);
                stoppedBy = o instanceof TargetOutcome.InSync ? stoppedBy : t.environment();
            } else if (e.getValue().isEmpty()) {
                out.add(settle(t, new TargetOutcome.InSync(t.environment(), diffs.get(t)), current));
            } else if (held.containsKey(t)) {
                out.add(settle(t, held.get(t), current));
                stoppedBy = stoppedBy == null && held.get(t) instanceof TargetOutcome.Failed ? t.environment() : stoppedBy;
            } else if (drifted.contains(t)) {
                // back to the revision it already stood at, so another target's failure does not hold it
                out.add(settle(t, restore(t, desired.get(t), diffs.get(t), pasts.get(t)), current));
            } else if (stoppedBy != null) {
                out.add(new TargetOutcome.Failed(t.environment(), new io.kustos.failure.StallingException(t.environment()
                        + ": not applied, because " + stoppedBy + " failed before it", FailureReason.BLOCKED)));
            } else {
                MDC.put("environment", t.environment());
                try {
                    TargetOutcome o = settle(t, execution(t).apply(desired.get(t), diffs.get(t), e.getValue(), pasts.get(t), "applied",
                            config.sync().force()), current);
                    out.add(o);
                    if (!(o instanceof TargetOutcome.Applied)) {
                        stoppedBy = t.environment();
                    }
                } finally {
                    MDC.remove("environment");
                }
            }
        }
        return report(c, r, out);
    }

    /** Remembers whether {@code t} now stands at {@code current} (drifted or not), which is what {@link #heal} restores. */
    private TargetOutcome settle(Target t, TargetOutcome o, String current) {
        boolean ok = o instanceof TargetOutcome.Applied || o instanceof TargetOutcome.InSync || o instanceof TargetOutcome.Drifted;
        if (ok) {
            settled.put(t.environment(), current);
        } else {
            settled.remove(t.environment());
        }
        return o;
    }

    /** Renders once per target and pair of revisions: polls without a new commit decrypt nothing. */
    private DesiredState render(RepoSnapshot configRepo, RepoSnapshot releases, Target t) {
        String key = t.environment() + "|" + configRepo.revision() + "|" + releases.revision();
        DesiredState d = rendered.get(key);
        if (d == null) {
            d = renderer.render(configRepo, releases, t);
            rendered.keySet().removeIf(k -> k.startsWith(t.environment() + "|"));
            rendered.put(key, d);
        }
        return d;
    }

    /** The diff against the watch caches, or null when there are none (not the daemon, no watch permission, not synced). */
    private Diff cachedDiff(Target t, DesiredState d) {
        if (!watch) {
            return null;
        }
        var objects = watched(t).caches();
        if (objects.isEmpty()) {
            return null;
        }
        try {
            return differ.diff(d, new LiveStateReader(objects.get()).read(d).state());
        } catch (io.kustos.apply.WatchedObjects.WatchUnavailableException e) {
            return null;
        }
    }

    /** A target compared with the cluster: the diff, and its kustos-history ConfigMap from the same lists (null: none yet). */
    private record Compared(Diff diff, ConfigMap history) {
    }

    private io.kustos.apply.WatchedObjects watched(Target t) {
        return watched.computeIfAbsent(t.environment(), e -> new io.kustos.apply.WatchedObjects(clients.forTarget(t)));
    }

    /** @param write Kustos will write to the target: its fingerprint key is made if there is none yet */
    private Compared compare(Target t, DesiredState d, boolean write) {
        var found = new LiveStateReader(clients.forTarget(t)).read(d);
        var live = write ? FingerprintKey.ensure(clients.forTarget(t), d, found.state()) : found.state();
        return new Compared(differ.diff(d, live), found.history());
    }

    /**
     * Compares every target with its cluster, the targets at once: each needs a few lists, and on
     * a new commit their round trips added up to most of the time before the first dry run.
     * The first failure, in target order, is thrown.
     */
    private Map<Target, Compared> compareAll(Map<Target, DesiredState> desired, boolean write) {
        var out = new LinkedHashMap<Target, Compared>();
        if (desired.size() <= 1) {
            desired.forEach((t, d) -> out.put(t, compare(t, d, write)));
            return out;
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(desired.size(), 8), r -> {
            Thread thread = new Thread(r, "kustos-compare");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new LinkedHashMap<Target, java.util.concurrent.Future<Compared>>();
            desired.forEach((t, d) -> futures.put(t, pool.submit(() -> compare(t, d, write))));
            for (var e : futures.entrySet()) {
                out.put(e.getKey(), result(e.getValue()));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T result(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while reading the cluster", FailureReason.INTERRUPTED, e);
        }
    }

    TargetExecution execution(Target t) {
        var client = clients.forTarget(t);
        return new TargetExecution(config, t, new TargetExecution.ClusterAccess(client, store(t), new EventRecorder(client)),
                renderer, history, poll);
    }

    HistoryStore store(Target t) {
        return new HistoryStore(clients.forTarget(t), t.namespace(), t.environment(), config.history().limit());
    }

    private static ReconcileReport report(RepoSnapshot c, RepoSnapshot r, List<TargetOutcome> out) {
        return new ReconcileReport(c.revision(), r.revision(), out);
    }
}
