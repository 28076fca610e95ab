package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code kustos run} before the Camel runtime: poll at {@code sync.interval}; reconcile when a head
 * moved or the last attempt failed in a way that may pass; otherwise compare the cluster with the
 * last rendered state and heal drift ({@link RevisionReconciler#heal}). A revision refused for bad input is
 * not retried until a new commit arrives. Repeated transient failures back off, up to 8 intervals.
 */
public final class ReconcileLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final KustosConfig config;
    private final SourcePoller sources;
    private final RevisionReconciler reconciler;
    private final Consumer<ReconcileReport> onReport;
    private volatile boolean stopped;
    private boolean needed = true;
    private int failures;

    public ReconcileLoop(KustosConfig config, Renderer renderer, ClusterClients clients, Consumer<ReconcileReport> onReport) {
        this.config = config;
        this.sources = new SourcePoller(config);
        this.reconciler = new RevisionReconciler(config, renderer, clients, sources, RevisionReconciler.POLL);
        this.onReport = onReport;
    }

    public void run() {
        LOG.info("polling every {} ({} target(s))", config.sync().interval(), config.targets().size());
        while (!stopped) {
            runOnce();
            try {
                Thread.sleep(delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One poll, and a reconcile if one is due. @return the report, if it reconciled */
    public Optional<ReconcileReport> runOnce() {
        try {
            var polled = sources.poll();
            if (!polled.changed() && !needed) {
                ReconcileReport healed = reconciler.heal(polled.config().snapshot(), polled.releases().snapshot());
                boolean drifted = healed.targets().stream().anyMatch(t -> !(t instanceof TargetOutcome.InSync));
                if (drifted) {
                    onReport.accept(healed);
                    return Optional.of(healed);
                }
                return Optional.empty();
            }
            ReconcileReport report = reconciler.reconcile(polled.config().snapshot(), polled.releases().snapshot(), true, false);
            KustosException error = report.firstError();
            needed = error != null && !(error instanceof StallingException);
            failures = needed ? failures + 1 : 0;
            onReport.accept(report);
            return Optional.of(report);
        } catch (KustosException e) {
            LOG.warn("poll failed ({}): {}", e.kind(), e.getMessage());
            needed = true;
            failures++;
            return Optional.empty();
        }
    }

    public void stop() {
        stopped = true;
    }

    private Duration delay() {
        int factor = 1 << Math.min(failures, 3);
        return config.sync().interval().multipliedBy(factor);
    }
}
