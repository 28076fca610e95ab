package io.kustos.reconcile;

import io.kustos.failure.StallingException;

import io.kustos.failure.KustosException;
import io.kustos.failure.RetryDelay;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One poll of both sources and, when due, one reconcile of every target; whoever calls
 * {@link #runOnce()} decides when (the daemon: a timer and webhooks, see io.kustos.runtime). A
 * reconcile is due when a head moved or the last attempt — a reconcile, or a drift check — failed in a
 * way that may pass; otherwise the poll looks for drift and heals it ({@link RevisionReconciler#heal}). A revision
 * refused for bad input is not retried until a new commit arrives. A poll that fails (the remote
 * unreachable, stalled past its timeout) still heals drift, from the snapshots of the last poll that
 * succeeded (read from the local clones, no git call): healing does not wait for git to come back. The
 * failure is reported all the same ({@link LoopObserver#sourcesPolled}) and counted for the backoff.
 * Environments that fail because their cluster gives no answer back off per cluster
 * ({@link ClusterOutages}): while other environments go on, they do not slow the loop down.
 * {@link #nextDelay()} comes from the last failure ({@link RetryDelay}): a waiting one's retry-after,
 * backoff for one that may pass.
 *
 * <p>Not thread-safe: one caller at a time (the daemon runs it on one worker thread).
 */
public final class ReconcileLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final KustosConfig config;
    private final SourcePoller sources;
    private final RevisionReconciler reconciler;
    private final Consumer<ReconcileReport> onReport;
    private final LoopObserver observer;
    private boolean needed = true;
    private int failures;
    /** The last poll's or reconcile's failure, null after a success: it decides {@link #nextDelay()}. */
    private KustosException lastFailure;
    /** The soonest an environment of the last reconcile that waits for a held write lock asked to be tried again; null: none. */
    private Duration waitingRetry;
    /** The last poll that succeeded: what a failed poll heals from (null before the first). */
    private SourcePoller.Polled lastPolled;

    public ReconcileLoop(KustosConfig config, Renderer renderer, ClusterClients clients, Consumer<ReconcileReport> onReport) {
        this(config, renderer, clients, onReport, LoopObserver.NONE);
    }

    public ReconcileLoop(KustosConfig config, Renderer renderer, ClusterClients clients, Consumer<ReconcileReport> onReport,
                         LoopObserver observer) {
        this(config, new SourcePoller(config), renderer, clients, onReport, observer);
    }

    private ReconcileLoop(KustosConfig config, SourcePoller sources, Renderer renderer, ClusterClients clients,
                          Consumer<ReconcileReport> onReport, LoopObserver observer) {
        this(config, sources, RevisionReconciler.watchingBetweenCommits(config, renderer, clients, sources, RevisionReconciler.POLL),
                onReport, observer);
    }

    /**
     * A loop over pieces made elsewhere (the composition root, io.kustos.agent.Agent).
     *
     * @param reconciler one for {@code sources}' snapshots, preferably
     *                   {@link RevisionReconciler#watchingBetweenCommits watching between commits}
     */
    public ReconcileLoop(KustosConfig config, SourcePoller sources, RevisionReconciler reconciler, Consumer<ReconcileReport> onReport,
                         LoopObserver observer) {
        this.config = config;
        this.sources = sources;
        this.reconciler = reconciler;
        this.onReport = onReport;
        this.observer = observer;
    }

    /**
     * One poll, and a reconcile if one is due; when the poll fails, a heal at the last polled
     * revisions. @return the report, if it reconciled or healed drift
     */
    public Optional<ReconcileReport> runOnce() {
        return runOnce(PollScope.BOTH);
    }

    /**
     * As {@link #runOnce()}, polling only {@code scope}'s sources ({@link SourcePoller#poll(PollScope)}): a webhook that
     * named one repo; the other is reconciled at the revision it was last fetched at.
     */
    public Optional<ReconcileReport> runOnce(PollScope scope) {
        SourcePoller.Polled polled;
        long start = System.nanoTime();
        try {
            polled = sources.poll(scope);
            observer.sourcesPolled(Duration.ofNanos(System.nanoTime() - start), null);
        } catch (KustosException e) {
            observer.sourcesPolled(Duration.ofNanos(System.nanoTime() - start), e);
            LOG.warn("poll failed ({}): {}", e.kind(), e.getMessage());
            needed = true;
            failures++;
            lastFailure = e;
            waitingRetry = null;
            // git is down, the cluster is not: heal from what the last good poll rendered, keeping the failure above
            return lastPolled == null ? Optional.empty() : heal(lastPolled, false);
        }
        lastPolled = polled;
        if (!polled.changed() && !needed) {
            return heal(polled, true);
        }
        needed = true; // until this reconcile says otherwise: an abandoned one is tried again
        try {
            observer.reconcileStarting();
            ReconcileReport report = reconciler.reconcile(polled.config().snapshot(), polled.releases().snapshot(), true, false);
            // again at the next poll: a failure that may pass, or an environment waiting for those it follows
            boolean retry = report.retryable();
            needed = retry || report.waiting();
            lastFailure = backingOff(report);
            failures = lastFailure != null ? failures + 1 : 0;
            waitingRetry = report.waitingRetryAfter().orElse(null);
            onReport.accept(report);
            return Optional.of(report);
        } catch (KustosException e) {
            LOG.warn("reconcile failed ({}): {}", e.kind(), e.getMessage());
            needed = true;
            failures++;
            lastFailure = e;
            waitingRetry = null;
            return Optional.empty();
        }
    }

    /**
     * No new commit, or no answer from git: compare the cluster with the last rendered state and
     * heal drift ({@link RevisionReconciler#heal}). A drift check that fails in a way that may pass
     * (the API server away) makes the next poll reconcile, and counts for the backoff like a failed
     * reconcile ({@code count}: unless the failed poll that led here was counted already); the
     * environment is not left alone until a new commit.
     * @return a report only when something drifted or failed
     */
    private Optional<ReconcileReport> heal(SourcePoller.Polled polled, boolean count) {
        try {
            observer.reconcileStarting();
            ReconcileReport healed = reconciler.heal(polled.config().snapshot(), polled.releases().snapshot());
            if (healed.targets().stream().allMatch(t -> t instanceof TargetOutcome.InSync)) {
                return Optional.empty();
            }
            if (healed.retryable()) {
                KustosException backingOff = backingOff(healed);
                if (backingOff == null) {
                    needed = true;
                } else {
                    failedMayPass(backingOff, count);
                }
            }
            onReport.accept(healed);
            return Optional.of(healed);
        } catch (KustosException e) {
            LOG.warn("drift check failed ({}): {}", e.kind(), e.getMessage());
            if (!(e instanceof StallingException)) {
                failedMayPass(e, count);
            }
            return Optional.empty();
        }
    }

    /**
     * The failure of {@code report} that the loop backs off for: the first that may pass, unless
     * each of those is an environment whose cluster gives no answer while some environment did
     * not fail so: that cluster backs off alone ({@link ClusterOutages}), and the others go on at the
     * interval. Null: none.
     */
    static KustosException backingOff(ReconcileReport report) {
        var mayPass = report.errors().stream().filter(e -> !(e instanceof StallingException)).toList();
        boolean othersGoOn = report.targets().stream()
                .anyMatch(t -> !(t instanceof TargetOutcome.Failed f && f.error() instanceof ClusterUnreachableException));
        if (othersGoOn && mayPass.stream().allMatch(e -> e instanceof ClusterUnreachableException)) {
            return null;
        }
        return mayPass.stream().findFirst().orElse(null);
    }

    /** A drift check failed in a way that may pass: the next poll reconciles, after a backoff. */
    private void failedMayPass(KustosException e, boolean count) {
        needed = true;
        if (count) {
            failures++;
            lastFailure = e;
            waitingRetry = null;
        }
    }

    /** Reconciles only {@code targets} from now on (a sharded daemon's share), as {@link RevisionReconciler#select}. */
    public void select(java.util.List<io.kustos.config.Target> targets) {
        reconciler.select(targets);
    }

    /** The next {@link #runOnce()} reconciles even when no head moved (environments just taken over from another replica). */
    public void reconcileNext() {
        needed = true;
    }

    /** Failed polls, reconciles or drift checks in a row that may pass on a retry (0 after a successful reconcile). */
    public int consecutiveFailures() {
        return failures;
    }

    /**
     * How long to wait before the next timed poll, from the last failure ({@link RetryDelay}): the
     * interval after a success or bad input, a waiting failure's retry-after, or the interval
     * doubled per failure in a row, at most 8 times; sooner when an environment waits for a write
     * lock that expires before that.
     */
    public Duration nextDelay() {
        Duration delay = new RetryDelay(config.sync().interval()).after(lastFailure, failures);
        if (waitingRetry != null && waitingRetry.compareTo(delay) < 0) { // a held write lock expires sooner
            return waitingRetry.compareTo(RetryDelay.MIN_WAIT) < 0 ? RetryDelay.MIN_WAIT : waitingRetry;
        }
        return delay;
    }
}
