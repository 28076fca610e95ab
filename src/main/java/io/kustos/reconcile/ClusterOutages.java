package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiServerAnswers;
import io.kustos.cluster.TargetCluster;
import io.kustos.config.Durations;
import io.kustos.failure.FailureKind;
import io.kustos.failure.KustosException;
import io.kustos.failure.RetryDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps a cluster that gives no answer (connection refused or reset, requests that hang until their
 * timeout) to its own environments. When an environment's run fails while its cluster's last request
 * got no answer ({@link ApiServerAnswers}), the cluster is out: its environments
 * fail at once, without a request, naming the cluster ({@link ClusterUnreachableException}), until
 * its retry is due — the sync interval, then doubled per failed retry, at most {@link RetryDelay#MAX_FACTOR}
 * intervals. Then one request ({@code GET /version}, shared by the environments that arrive
 * meanwhile) says whether it answers again: if so, its environments run; if not, the wait doubles.
 * A hanging cluster so holds a reconcile up for at most one request timeout per retry, and the
 * environments of the other clusters go on at their schedule.
 */
final class ClusterOutages {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterOutages.class);

    private final RetryDelay delay;
    private final Clock clock;
    private final Map<TargetCluster, Outage> outages = new ConcurrentHashMap<>();

    /** @param interval sync.interval: the first wait */
    ClusterOutages(Duration interval, Clock clock) {
        this.delay = new RetryDelay(interval);
        this.clock = clock;
    }

    /** Runs {@code run} unless {@code cluster} is out and not yet due; judges its outcome by whether the cluster answered. */
    TargetOutcome guard(TargetCluster cluster, String environment, Supplier<TargetOutcome> run) {
        KustosException refused = admit(cluster, environment);
        if (refused != null) {
            return new TargetOutcome.Failed(environment, refused);
        }
        return judged(cluster, environment, run.get());
    }

    /** Whether {@code cluster} is out now (its environments fail without a request until its retry). */
    boolean out(TargetCluster cluster) {
        return outages.containsKey(cluster);
    }

    private KustosException admit(TargetCluster cluster, String environment) {
        Outage outage = outages.get(cluster);
        if (outage == null) {
            return null;
        }
        synchronized (outage) { // one probe per retry; the environments that arrive meanwhile wait for its answer
            if (outages.get(cluster) != outage) {
                return null; // it answered meanwhile
            }
            Instant now = clock.instant();
            if (now.isBefore(outage.retryAt)) {
                return outage.refusal(cluster, environment, now);
            }
            if (probe(cluster) instanceof Probe.NoAnswer noAnswer) {
                outage.failedAgain(cluster, clock.instant(), delay, noAnswer.why());
                return outage.refusal(cluster, environment, clock.instant());
            }
            outages.remove(cluster);
            LOG.info("{} answers again: its environments are reconciled", cluster);
            return null;
        }
    }

    /** What one {@code GET /version} to a cluster that was out said: it answered (whatever the status), or not, and why. */
    private sealed interface Probe {
        record Answered() implements Probe {
        }

        record NoAnswer(String why) implements Probe {
        }
    }

    /**
     * Whether {@code cluster} answers one {@code GET /version}: a refusal is an answer. Judged by this request's own
     * outcome, not by {@link ApiServerAnswers}, which any other request on the shared client (a watch, another
     * environment, a late timeout) may set meanwhile.
     */
    private static Probe probe(TargetCluster cluster) {
        try {
            cluster.client().getKubernetesVersion();
            return new Probe.Answered();
        } catch (KubernetesClientException e) {
            return e.getCode() > 0 ? new Probe.Answered() : new Probe.NoAnswer(ApiServerAnswers.why(e));
        } catch (RuntimeException e) {
            return new Probe.NoAnswer(ApiServerAnswers.why(e));
        }
    }

    private TargetOutcome judged(TargetCluster cluster, String environment, TargetOutcome outcome) {
        if (!cluster.answers().down()) {
            if (outages.remove(cluster) != null) {
                LOG.info("{} answers again: its environments are reconciled", cluster);
            }
            return outcome;
        }
        if (!(outcome instanceof TargetOutcome.Failed f) || f.error().reason().kind() != FailureKind.TRANSIENT) {
            return outcome;
        }
        Instant now = clock.instant();
        Outage outage = outages.computeIfAbsent(cluster, c -> new Outage(now));
        synchronized (outage) {
            if (!now.isBefore(outage.retryAt)) { // the first environment of this retry to fail: the wait grows once
                outage.failedAgain(cluster, now, delay, cluster.answers().lastFailure());
            }
            return new TargetOutcome.Failed(environment, new ClusterUnreachableException(f.error().getMessage() + "; "
                    + outage.describe(cluster, now), f.error()));
        }
    }

    /** A cluster out since {@code since}: its failed retries in a row and when the next is due. Guarded by its monitor. */
    private static final class Outage {
        private final Instant since;
        private int failures;
        private Instant retryAt;
        private String cause;

        Outage(Instant since) {
            this.since = since;
            this.retryAt = since;
        }

        void failedAgain(TargetCluster cluster, Instant now, RetryDelay delay, String why) {
            failures++;
            cause = why;
            Duration wait = delay.backoff(failures - 1);
            retryAt = now.plus(wait);
            if (failures == 1) {
                LOG.warn("{} gives no answer ({}): its environments fail and are tried again in {}; the environments of other clusters go on",
                        cluster, cause, Durations.format(wait));
            } else {
                LOG.warn("{} still gives no answer ({}, since {}): its environments are tried again in {}", cluster, cause, since,
                        Durations.format(wait));
            }
        }

        KustosException refusal(TargetCluster cluster, String environment, Instant now) {
            return new ClusterUnreachableException(environment + ": not reconciled: " + describe(cluster, now), null);
        }

        String describe(TargetCluster cluster, Instant now) {
            Duration left = Duration.between(now, retryAt);
            return cluster + " gives no answer" + (cause == null ? "" : " (" + cause + ")") + " since " + since
                    + ": its environments are tried again in " + Durations.format(left.isNegative() ? Duration.ZERO : left.withNanos(0))
                    + "; the other clusters' environments go on";
        }
    }
}
