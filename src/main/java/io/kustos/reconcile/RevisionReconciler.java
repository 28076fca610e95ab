package io.kustos.reconcile;

import io.kustos.apply.LiveStateReader;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.history.StateStore;
import io.kustos.history.TargetState;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredState;
import io.kustos.render.Renderer;
import io.kustos.source.RepoSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings every target to one pair of revisions, in steps that each stop the revision on failure:
 * render all targets (validation), read the cluster, diff, dry-run every write of every target,
 * then per target write configs, run pre-deploy hooks, patch workloads and wait for their
 * rollouts. A revision that does not render, or whose dry run is refused, writes nothing
 * anywhere. A failed hook or rollout rolls the target back to its last good revision (when
 * {@code sync.rollbackOnFailure}) and the failed revision is not tried again until a new commit
 * or {@code retry}.
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
    private final Differ differ = new Differ();
    private final Planner planner = new Planner();

    public RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients, SnapshotLookup history, Duration poll) {
        this.config = config;
        this.renderer = renderer;
        this.clients = clients;
        this.history = history;
        this.poll = poll;
    }

    /** @param apply false to only compute the differences (kustos diff); @param retry try a revision that failed before */
    public ReconcileReport reconcile(RepoSnapshot configRepo, RepoSnapshot releases, boolean apply, boolean retry) {
        MDC.put("revision", "config=" + configRepo.revision().shortSha() + ",releases=" + releases.revision().shortSha());
        try {
            Map<Target, DesiredState> desired = new LinkedHashMap<>();
            Map<Target, Diff> diffs = new LinkedHashMap<>();
            try {
                for (Target t : config.targets()) {
                    desired.put(t, renderer.render(configRepo, releases, t));
                }
                for (var e : desired.entrySet()) {
                    diffs.put(e.getKey(), diff(e.getKey(), e.getValue()));
                }
                if (!apply) {
                    return report(configRepo, releases, outcomes(diffs, false));
                }
                Map<Target, Plan> plans = new LinkedHashMap<>();
                diffs.forEach((t, d) -> plans.put(t, planner.plan(d)));
                Map<Target, TargetState> states = new LinkedHashMap<>();
                Map<Target, KustosException> held = new LinkedHashMap<>();
                for (var e : plans.entrySet()) {
                    Target t = e.getKey();
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    states.put(t, store(t).load());
                    failedBefore(t, states.get(t), desired.get(t), retry).ifPresent(x -> held.put(t, x));
                    if (!held.containsKey(t)) {
                        rollout(t).dryRun(e.getValue(), desired.get(t));
                    }
                }
                return writeAll(configRepo, releases, desired, diffs, plans, states, held);
            } catch (KustosException e) {
                LOG.warn("revision not applied ({}): {}", e.kind(), e.getMessage());
                return report(configRepo, releases, config.targets().stream()
                        .<TargetOutcome>map(t -> new TargetOutcome.Failed(t.environment(), e)).toList());
            }
        } finally {
            MDC.remove("revision");
        }
    }

    private Diff diff(Target t, DesiredState d) {
        return differ.diff(d, new LiveStateReader(clients.forTarget(t)).read(d));
    }

    /** A revision that failed on this target is held until a new commit, unless {@code retry}. */
    private static java.util.Optional<KustosException> failedBefore(Target t, TargetState state, DesiredState d, boolean retry) {
        String current = d.revisions().annotation();
        if (retry || !current.equals(state.lastFailed())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new io.kustos.rollout.RolloutFailedException(t.environment() + ": revision " + current
                + " failed before and is not tried again until a new commit (kustos apply --retry tries it now)", "held"));
    }

    /** Target by target; a failure stops the targets after it, and the report says which were written. */
    private ReconcileReport writeAll(RepoSnapshot c, RepoSnapshot r, Map<Target, DesiredState> desired, Map<Target, Diff> diffs,
                                     Map<Target, Plan> plans, Map<Target, TargetState> states, Map<Target, KustosException> held) {
        List<TargetOutcome> out = new ArrayList<>();
        String stoppedBy = null;
        for (var e : plans.entrySet()) {
            Target t = e.getKey();
            Diff diff = diffs.get(t);
            if (e.getValue().isEmpty()) {
                out.add(new TargetOutcome.InSync(t.environment(), diff));
                continue;
            }
            if (held.containsKey(t)) {
                out.add(new TargetOutcome.Failed(t.environment(), held.get(t)));
                continue;
            }
            if (stoppedBy != null) {
                out.add(new TargetOutcome.Failed(t.environment(), new StallingException(t.environment()
                        + ": not applied, because " + stoppedBy + " failed before it")));
                continue;
            }
            MDC.put("environment", t.environment());
            String current = desired.get(t).revisions().annotation();
            TargetState state = states.get(t);
            try {
                var result = rollout(t).run(e.getValue(), desired.get(t), true);
                LOG.info("applied {} object(s) to {}", result.written(), t.environment());
                store(t).save(state, new TargetState(current, null));
                out.add(new TargetOutcome.Applied(t.environment(), diff, result.written(), result.notes()));
            } catch (io.kustos.rollout.RolloutFailedException ex) {
                LOG.warn("{} failed: {}", t.environment(), ex.getMessage());
                out.add(rollBack(t, state, current, ex));
                store(t).save(state, new TargetState(state.lastGood(), current));
                stoppedBy = t.environment();
            } catch (KustosException ex) {
                LOG.warn("apply to {} failed ({}): {}", t.environment(), ex.kind(), ex.getMessage());
                out.add(new TargetOutcome.Failed(t.environment(), ex));
                stoppedBy = t.environment();
            } finally {
                MDC.remove("environment");
            }
        }
        return report(c, r, out);
    }

    /** Re-applies the last good revision of {@code t}, without hooks, and waits for it. */
    private TargetOutcome rollBack(Target t, TargetState state, String failed, KustosException cause) {
        String good = state.lastGood();
        if (!config.sync().rollbackOnFailure() || good == null || good.equals(failed)) {
            return new TargetOutcome.Failed(t.environment(), cause);
        }
        try {
            var revs = SnapshotLookup.parse(good);
            DesiredState d = renderer.render(history.config(revs[0]), history.releases(revs[1]), t);
            Diff diff = diff(t, d);
            Plan plan = planner.plan(diff);
            TargetRollout rollout = rollout(t);
            rollout.dryRun(plan, d);
            rollout.run(plan, d, false);
            LOG.warn("{}: rolled back to {}", t.environment(), good);
            return new TargetOutcome.RolledBack(t.environment(), cause, good, diff);
        } catch (KustosException e) {
            return new TargetOutcome.Failed(t.environment(), new io.kustos.rollout.RolloutFailedException(cause.getMessage()
                    + "\nand rolling back to " + good + " failed too: " + e.getMessage(), "rollout"));
        }
    }

    private TargetRollout rollout(Target t) {
        return new TargetRollout(clients.forTarget(t), config.sync().force(), config.sync().rolloutTimeout(), poll);
    }

    private StateStore store(Target t) {
        return new StateStore(clients.forTarget(t), t.namespace(), t.environment());
    }

    private static List<TargetOutcome> outcomes(Map<Target, Diff> diffs, boolean applied) {
        List<TargetOutcome> out = new ArrayList<>();
        diffs.forEach((t, d) -> out.add(d.isEmpty() ? new TargetOutcome.InSync(t.environment(), d)
                : new TargetOutcome.Differs(t.environment(), d)));
        return out;
    }

    private static ReconcileReport report(RepoSnapshot c, RepoSnapshot r, List<TargetOutcome> out) {
        return new ReconcileReport(c.revision(), r.revision(), out);
    }
}
