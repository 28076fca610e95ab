package io.kustos.config;

import java.time.Duration;

/**
 * Sharding among replicas of the daemon with Kubernetes Leases: each replica keeps a member Lease
 * and owns a share of the environments, each environment through a Lease of its own
 * ({@code kustos-env-<environment>}); see docs/architecture.md, "Sharding".
 *
 * @param enabled       default false (every environment in one process, or the leader's with leaderElection)
 * @param namespace     where the Leases live; default the pod's namespace ({@code POD_NAMESPACE},
 *                      else the service account's), else {@code default}
 * @param leaseDuration how long a member's or an environment's Lease holds without renewal: a dead
 *                      replica's environments are taken over this long after its last renewal; default 15s
 * @param renewDeadline how long after its last renewal a replica stops writing an environment whose
 *                      Lease it could not renew; default 10s
 * @param retryPeriod   how often a replica renews its Leases and looks at the others'; default 2s
 */
public record Sharding(Boolean enabled, String namespace, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Sharding DEFAULT = new Sharding(null, null, null, null, null);

    public Sharding {
        enabled = enabled != null && enabled;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
        renewDeadline = renewDeadline == null ? Duration.ofSeconds(10) : renewDeadline;
        retryPeriod = retryPeriod == null ? Duration.ofSeconds(2) : retryPeriod;
    }
}
