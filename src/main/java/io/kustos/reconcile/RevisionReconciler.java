package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.apply.Applier;
import io.kustos.apply.LiveStateReader;
import io.kustos.apply.ServerSideApplier;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.diff.Diff;
import io.kustos.diff.Differ;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredState;
import io.kustos.render.Renderer;
import io.kustos.source.RepoSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings every target to one pair of revisions, in steps that each stop the revision on
 * failure: render all targets (validation), read the cluster, diff, dry-run every write, then
 * write. A revision that does not render, or whose dry run is refused, writes nothing anywhere.
 */
public final class RevisionReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(RevisionReconciler.class);

    private final KustosConfig config;
    private final Renderer renderer;
    private final ClusterClients clients;
    private final Differ differ = new Differ();
    private final Planner planner = new Planner();

    public RevisionReconciler(KustosConfig config, Renderer renderer, ClusterClients clients) {
        this.config = config;
        this.renderer = renderer;
        this.clients = clients;
    }

    /** @param apply false to only compute the differences (kustos diff) */
    public ReconcileReport reconcile(RepoSnapshot configRepo, RepoSnapshot releases, boolean apply) {
        MDC.put("revision", "config=" + configRepo.revision().shortSha() + ",releases=" + releases.revision().shortSha());
        try {
            Map<Target, DesiredState> desired = new LinkedHashMap<>();
            try {
                for (Target t : config.targets()) {
                    desired.put(t, renderer.render(configRepo, releases, t));
                }
            } catch (KustosException e) {
                return failAll(configRepo, releases, e);
            }
            Map<Target, Diff> diffs = new LinkedHashMap<>();
            try {
                for (var e : desired.entrySet()) {
                    KubernetesClient client = clients.forTarget(e.getKey());
                    diffs.put(e.getKey(), differ.diff(e.getValue(), new LiveStateReader(client).read(e.getValue())));
                }
                if (!apply) {
                    return report(configRepo, releases, diffs, Map.of(), false);
                }
                Map<Target, Plan> plans = new LinkedHashMap<>();
                diffs.forEach((t, d) -> plans.put(t, planner.plan(d)));
                for (var e : plans.entrySet()) {
                    applier(e.getKey()).dryRun(e.getValue());
                }
                return writeAll(configRepo, releases, diffs, plans);
            } catch (KustosException e) {
                return failAll(configRepo, releases, e);
            }
        } finally {
            MDC.remove("revision");
        }
    }

    /** Writes target by target; a failure stops the targets after it, and the report says which were written. */
    private ReconcileReport writeAll(RepoSnapshot c, RepoSnapshot r, Map<Target, Diff> diffs, Map<Target, Plan> plans) {
        Map<Target, Integer> written = new LinkedHashMap<>();
        List<TargetOutcome> failed = new ArrayList<>();
        KustosException stop = null;
        for (var e : plans.entrySet()) {
            Target t = e.getKey();
            if (stop != null) {
                failed.add(new TargetOutcome.Failed(t.environment(), stop));
                continue;
            }
            try {
                written.put(t, write(t, e.getValue()));
            } catch (KustosException ex) {
                LOG.warn("apply to {} failed ({}): {}", t.environment(), ex.kind(), ex.getMessage());
                failed.add(new TargetOutcome.Failed(t.environment(), ex));
                stop = ex;
            }
        }
        var ok = new LinkedHashMap<Target, Diff>();
        written.keySet().forEach(t -> ok.put(t, diffs.get(t)));
        var report = report(c, r, ok, written, true);
        var all = new ArrayList<>(report.targets());
        all.addAll(failed);
        return new ReconcileReport(c.revision(), r.revision(), all);
    }

    private int write(Target t, Plan plan) {
        if (plan.isEmpty()) {
            return 0;
        }
        MDC.put("environment", t.environment());
        try {
            int n = applier(t).apply(plan);
            LOG.info("applied {} object(s) to {}", n, t.environment());
            return n;
        } finally {
            MDC.remove("environment");
        }
    }

    private Applier applier(Target t) {
        return new Applier(new ServerSideApplier(clients.forTarget(t), config.sync().force()));
    }

    private ReconcileReport report(RepoSnapshot c, RepoSnapshot r, Map<Target, Diff> diffs, Map<Target, Integer> written,
                                   boolean applied) {
        List<TargetOutcome> out = new ArrayList<>();
        diffs.forEach((t, d) -> {
            if (d.isEmpty()) {
                out.add(new TargetOutcome.InSync(t.environment(), d));
            } else if (applied) {
                out.add(new TargetOutcome.Applied(t.environment(), d, written.getOrDefault(t, 0)));
            } else {
                out.add(new TargetOutcome.Differs(t.environment(), d));
            }
        });
        return new ReconcileReport(c.revision(), r.revision(), out);
    }

    private ReconcileReport failAll(RepoSnapshot c, RepoSnapshot r, KustosException e) {
        LOG.warn("revision not applied ({}): {}", e.kind(), e.getMessage());
        var out = config.targets().stream()
                .<TargetOutcome>map(t -> new TargetOutcome.Failed(t.environment(), e)).toList();
        return new ReconcileReport(c.revision(), r.revision(), out);
    }
}
