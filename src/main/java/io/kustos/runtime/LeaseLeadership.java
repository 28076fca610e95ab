package io.kustos.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kustos.config.LeaderElection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Leader election with a {@code coordination.k8s.io/v1} Lease through fabric8's LeaderElector.
 * A replica that loses the lease hears it at once (it stops reconciling) and campaigns again;
 * closing gives the lease up so that another replica takes over without waiting for it to expire.
 * Log lines name what the lease controls ({@code reconciling}, or under sharding {@code previewing}):
 * a loss is a warning, giving it up on shutdown is not.
 */
final class LeaseLeadership implements Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

    private final KubernetesClient client;
    private final LeaderElection settings;
    private final String namespace;
    private final String identity;
    private final String role;
    private volatile boolean leader;
    private volatile boolean closed;
    private volatile CompletableFuture<?> running;

    LeaseLeadership(KubernetesClient client, LeaderElection settings, String namespace, String identity) {
        this(client, settings, namespace, identity, "reconciling");
    }

    /** @param role what holding the lease lets this replica do, as log lines say it ({@code previewing}) */
    LeaseLeadership(KubernetesClient client, LeaderElection settings, String namespace, String identity, String role) {
        this.client = client;
        this.settings = settings;
        this.namespace = namespace;
        this.identity = identity;
        this.role = role;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    String identity() {
        return identity;
    }

    @Override
    public synchronized void start(Consumer<Boolean> onChange) {
        if (closed) {
            return;
        }
        LOG.info("campaigning for lease {}/{} as {}", namespace, settings.leaseName(), identity);
        var config = new LeaderElectionConfigBuilder()
                .withName("kustos")
                .withLock(new LeaseLock(namespace, settings.leaseName(), identity))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(callbacks(onChange))
                .build();
        running = client.leaderElector().withConfig(config).build().start();
        running.whenComplete((ignored, error) -> {
            if (!closed) {
                // the elector ends after a loss (or a failure); campaign again after a retry period
                CompletableFuture.runAsync(() -> start(onChange), CompletableFuture.delayedExecutor(
                        settings.retryPeriod().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        });
    }

    LeaderCallbacks callbacks(Consumer<Boolean> onChange) {
        return new LeaderCallbacks(
                () -> {
                    leader = true;
                    LOG.info("leading: this replica ({}) holds lease {}/{}: {} starts", identity, namespace, settings.leaseName(), role);
                    onChange.accept(true);
                },
                () -> {
                    boolean was = leader;
                    leader = false;
                    if (was && !closed) { // on close, close() says it gave the lease up
                        LOG.warn("lost lease {}/{}: {} stops", namespace, settings.leaseName(), role);
                    }
                    if (was) {
                        onChange.accept(false);
                    }
                },
                newLeader -> {
                    if (newLeader == null || newLeader.isBlank()) {
                        LOG.info("lease {}/{} is free: no replica holds it", namespace, settings.leaseName());
                    } else {
                        LOG.info("lease {}/{} is held by {}", namespace, settings.leaseName(), newLeader);
                    }
                });
    }

    @Override
    public synchronized void close() {
        boolean was = leader;
        closed = true;
        CompletableFuture<?> f = running;
        if (f != null) {
            f.cancel(true); // releaseOnCancel: the lease is given up at once
        }
        leader = false;
        if (was) {
            LOG.info("gave up lease {}/{} on shutdown: {} stops here", namespace, settings.leaseName(), role);
        }
    }
}
