package io.kustos.runtime;

import io.kustos.diff.WorkloadChange;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.RevisionPair;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's Prometheus metrics (names in README.md, "Running the daemon"). Counts are derived
 * from each {@link ReconcileReport}; nothing here carries a secret value, and the only
 * commit-valued labels are on {@code kustos_last_applied_revision_info}, one series per
 * environment (the previous revision's series is removed).
 */
public final class DaemonMetrics {
    static final String RECONCILE = "kustos.reconcile.duration";
    static final String APPLIED = "kustos.objects.applied";
    static final String PRUNED = "kustos.objects.pruned";
    static final String RESTARTED = "kustos.workloads.restarted";
    static final String DRIFT = "kustos.drift.detected";
    static final String ROLLBACKS = "kustos.rollbacks";
    static final String FETCH = "kustos.source.fetch.duration";
    static final String FETCH_ERRORS = "kustos.source.errors";
    static final String REVISION = "kustos.last.applied.revision.info";
    static final String LAST_SUCCESS = "kustos.reconcile.last.success";
    static final String POLL_SUCCESS = "kustos.source.last.poll.success";
    static final String WAITING = "kustos.promotion.waiting";
    static final String OWNED = "kustos.sharding.owned.environments";
    static final String MEMBERS = "kustos.sharding.members";

    private final MeterRegistry registry;
    private final Map<String, Meter.Id> revisionSeries = new HashMap<>();
    /** 1 or 0 by the last outcome; NaN until the first (an alert on {@code == 0} stays quiet at start). */
    private final Map<String, AtomicReference<Double>> lastSuccess = new HashMap<>();
    /** 1 while the environment waits for those it follows ({@code after:}) to apply the release revision, else 0. */
    private final Map<String, AtomicReference<Double>> waiting = new HashMap<>();
    private final AtomicReference<Double> pollSuccess = new AtomicReference<>(Double.NaN);

    public DaemonMetrics(MeterRegistry registry, List<String> environments) {
        this.registry = registry;
        for (String env : environments) {
            Counter.builder(APPLIED).description("Objects written by server-side apply").tag("environment", env).register(registry);
            Counter.builder(PRUNED).description("Managed ConfigMaps and Secrets deleted because they left git (sync.prune)")
                    .tag("environment", env).register(registry);
            Counter.builder(RESTARTED).description("Workloads restarted because their ConfigMaps or Secrets changed")
                    .tag("environment", env).register(registry);
            Counter.builder(DRIFT).description("Reconciles that found the cluster changed at an already applied revision")
                    .tag("environment", env).register(registry);
            Counter.builder(ROLLBACKS).description("Revisions rolled back after a failed hook or rollout").tag("environment", env).register(registry);
            AtomicReference<Double> success = new AtomicReference<>(Double.NaN);
            lastSuccess.put(env, success);
            Gauge.builder(LAST_SUCCESS, success, AtomicReference::get)
                    .description("1 when the environment's last reconcile succeeded (in sync, applied, drift corrected), 0 when it failed or rolled back")
                    .tag("environment", env).register(registry);
            AtomicReference<Double> waits = new AtomicReference<>(0.0);
            waiting.put(env, waits);
            Gauge.builder(WAITING, waits, AtomicReference::get)
                    .description("1 while the environment waits for the environments it follows (after:) to apply the release revision")
                    .tag("environment", env).register(registry);
        }
        Gauge.builder(POLL_SUCCESS, pollSuccess, AtomicReference::get)
                .description("1 when the last poll reached both git sources, 0 when it failed").register(registry);
        Counter.builder(FETCH_ERRORS).description("Polls of the git sources that failed").register(registry);
        Timer.builder(FETCH).description("Polling both git sources (ls-remote, and a fetch when a head moved)").register(registry);
    }

    /** With sharding: how many environments this replica owns now, and how many live replicas it sees (held strongly). */
    public void sharded(java.util.function.IntSupplier owned, java.util.function.IntSupplier members) {
        Gauge.builder(OWNED, owned::getAsInt)
                .description("How many environments this replica owns now (holds their Leases), with sharding").register(registry);
        Gauge.builder(MEMBERS, members::getAsInt)
                .description("How many live replicas (this one included) this replica saw at its last look at the Leases, with sharding")
                .register(registry);
    }

    public void polled(Duration took, KustosException error) {
        registry.timer(FETCH).record(took);
        pollSuccess.set(error == null ? 1.0 : 0.0);
        if (error != null) {
            Counter.builder(FETCH_ERRORS).register(registry).increment();
        }
    }

    /** Records one reconcile of every target, which took {@code took} (each environment: its own run's time, when measured). */
    public synchronized void reconciled(ReconcileReport report, Duration took) {
        for (TargetOutcome t : report.targets()) {
            String env = t.environment();
            Timer.builder(RECONCILE).description("One environment's reconcile, by environment and outcome")
                    .tag("environment", env).tag("outcome", t.outcome().metricLabel()).register(registry).record(report.took(env).orElse(took));
            AtomicReference<Double> success = lastSuccess.get(env);
            if (success != null) {
                success.set(t.outcome().succeeded() ? 1.0 : 0.0);
            }
            AtomicReference<Double> waits = waiting.get(env);
            if (waits != null) {
                waits.set(t instanceof TargetOutcome.Waiting w && !w.waitingFor().isEmpty() ? 1.0 : 0.0); // not a held write lock
            }
            if (t instanceof TargetOutcome.Applied a) {
                counter(APPLIED, env).increment(a.written() - a.diff().prunes().size());
                counter(PRUNED, env).increment(a.diff().prunes().size());
                counter(RESTARTED, env).increment(a.diff().workloads().stream().filter(WorkloadChange::restartsForConfig).count());
                revisionInfo(env, new RevisionPair(report.config(), report.releases()));
            } else if (t instanceof TargetOutcome.Drifted d) {
                counter(DRIFT, env).increment();
                if (d.restored()) {
                    counter(APPLIED, env).increment(d.diff().configs().size() + d.diff().workloads().size());
                    counter(PRUNED, env).increment(d.diff().prunes().size());
                }
                revisionInfo(env, new RevisionPair(report.config(), report.releases())); // drift is found at the revision already applied
            } else if (t instanceof TargetOutcome.InSync) {
                revisionInfo(env, new RevisionPair(report.config(), report.releases()));
            } else if (t instanceof TargetOutcome.Paused p && p.standsAt() != null) {
                revisionInfo(env, p.standsAt());
            } else if (t instanceof TargetOutcome.RolledBack rb) {
                counter(ROLLBACKS, env).increment();
                revisionInfo(env, rb.restored());
            }
        }
    }

    private Counter counter(String name, String env) {
        return Counter.builder(name).tag("environment", env).register(registry);
    }

    private void revisionInfo(String env, RevisionPair revisions) {
        String config = revisions.config().sha();
        String releases = revisions.releases().sha();
        Meter.Id old = revisionSeries.get(env);
        if (old != null) {
            if (old.getTag("config").equals(config) && old.getTag("releases").equals(releases)) {
                return;
            }
            registry.remove(old);
        }
        Gauge gauge = Gauge.builder(REVISION, () -> 1).description("The revisions last applied, one series per environment")
                .tag("environment", env).tag("config", config).tag("releases", releases)
                .register(registry);
        revisionSeries.put(env, gauge.getId());
    }
}
