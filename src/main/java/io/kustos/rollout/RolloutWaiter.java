package io.kustos.rollout;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits for changed workloads to finish rolling out, all at once: each round reads every
 * workload still rolling and logs what changed in its progress. Stops at the first failure
 * (ProgressDeadlineExceeded, a deleted workload) or when the timeout passes. A round sends one
 * request per kind and namespace: a list where several workloads are pending, a GET where one is,
 * so 200 Deployments in one namespace cost one request a round, not 200. A Deployment that says its
 * progress deadline passed costs one more: a GET of the ReplicaSet the condition names, to tell a
 * timeout of the current template from one left over from the last. Rounds come every {@code poll} at
 * first and further apart as the wait grows ({@link RolloutPollInterval}).
 */
public final class RolloutWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutWaiter.class);

    /** Waits between two rounds; tests pass one that moves their clock on instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final KubernetesClient client;
    private final RolloutPollInterval interval;
    private final Clock clock;
    private final Sleeper sleeper;

    public RolloutWaiter(KubernetesClient client, Duration poll, Clock clock) {
        this(client, poll, clock, d -> Thread.sleep(d.toMillis()));
    }

    RolloutWaiter(KubernetesClient client, Duration poll, Clock clock, Sleeper sleeper) {
        this.client = client;
        this.interval = new RolloutPollInterval(poll);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @throws RolloutFailedException naming each workload that failed or did not finish in time, and
     *                                where the release manifest declares it
     */
    public void await(List<DesiredWorkload> workloads, Duration timeout) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Map<ObjectKey, String> pending = new LinkedHashMap<>();
        Map<ObjectKey, String> origins = new HashMap<>();
        workloads.forEach(w -> {
            pending.put(w.key(), "");
            origins.put(w.key(), w.origin());
        });
        while (!pending.isEmpty()) {
            List<String> failures = new ArrayList<>();
            Map<ObjectKey, HasMetadata> current = read(pending.keySet());
            for (ObjectKey key : List.copyOf(pending.keySet())) {
                RolloutProgress p = RolloutProgress.of(current.get(key), name -> replicaSet(key.namespace(), name));
                switch (p.state()) {
                    case DONE -> {
                        LOG.info("{}: rolled out ({})", key, p.message());
                        pending.remove(key);
                    }
                    case FAILED -> failures.add(origins.get(key) + ": " + key + ": rollout failed: " + p.message());
                    case PROGRESSING -> {
                        if (!p.message().equals(pending.put(key, p.message()))) {
                            LOG.info("{}: {}", key, p.message());
                        }
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new RolloutFailedException(String.join("\n", failures), FailureReason.ROLLOUT_FAILED);
            }
            if (!pending.isEmpty() && !clock.instant().isBefore(deadline)) {
                var late = new ArrayList<String>();
                pending.forEach((k, m) -> late.add(origins.get(k) + ": " + k + ": rollout did not finish within " + timeout.toSeconds() + "s (" + m + ")"));
                throw new RolloutFailedException(String.join("\n", late), FailureReason.ROLLOUT_FAILED);
            }
            if (!pending.isEmpty()) {
                Instant now = clock.instant();
                sleep(interval.after(Duration.between(start, now), Duration.between(now, deadline)));
            }
        }
    }

    /** The pending workloads as they are now (absent: deleted), one request per kind and namespace. */
    private Map<ObjectKey, HasMetadata> read(Collection<ObjectKey> pending) {
        Map<String, List<ObjectKey>> groups = new LinkedHashMap<>();
        pending.forEach(k -> groups.computeIfAbsent(k.kind() + "/" + k.namespace(), g -> new ArrayList<>()).add(k));
        Map<ObjectKey, HasMetadata> out = new HashMap<>();
        for (List<ObjectKey> group : groups.values()) {
            ObjectKey first = group.get(0);
            if (group.size() == 1) {
                out.put(first, get(first));
                continue;
            }
            Map<String, HasMetadata> byName = new HashMap<>();
            list(first.kind(), first.namespace()).forEach(o -> byName.put(o.getMetadata().getName(), o));
            group.forEach(k -> out.put(k, byName.get(k.name())));
        }
        return out;
    }

    private HasMetadata get(ObjectKey key) {
        var apps = client.apps();
        try {
            return switch (key.kind()) {
                case "Deployment" -> apps.deployments().inNamespace(key.namespace()).withName(key.name()).get();
                case "StatefulSet" -> apps.statefulSets().inNamespace(key.namespace()).withName(key.name()).get();
                case "DaemonSet" -> apps.daemonSets().inNamespace(key.namespace()).withName(key.name()).get();
                default -> throw new IllegalArgumentException(key.kind());
            };
        } catch (KubernetesClientException e) {
            throw new io.kustos.failure.TransientException(key + ": cannot read rollout status: " + io.kustos.cluster.ApiFailures.describe(e, client),
                    FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    private ReplicaSet replicaSet(String namespace, String name) {
        try {
            return client.apps().replicaSets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new io.kustos.failure.TransientException("replicaset/" + namespace + "/" + name + ": cannot read rollout status: "
                    + e.getMessage(), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    private List<? extends HasMetadata> list(String kind, String namespace) {
        var apps = client.apps();
        try {
            return switch (kind) {
                case "Deployment" -> apps.deployments().inNamespace(namespace).list().getItems();
                case "StatefulSet" -> apps.statefulSets().inNamespace(namespace).list().getItems();
                case "DaemonSet" -> apps.daemonSets().inNamespace(namespace).list().getItems();
                default -> throw new IllegalArgumentException(kind);
            };
        } catch (KubernetesClientException e) {
            throw new io.kustos.failure.TransientException(kind.toLowerCase(java.util.Locale.ROOT) + "s in namespace " + namespace
                    + ": cannot read rollout status: " + io.kustos.cluster.ApiFailures.describe(e, client),
                    FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.kustos.failure.TransientException("interrupted while waiting for rollouts", FailureReason.INTERRUPTED, e);
        }
    }
}
