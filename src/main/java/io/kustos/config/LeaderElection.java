package io.kustos.config;

import java.time.Duration;

/**
 * Leader election among replicas of the daemon with a Kubernetes Lease: only the holder
 * reconciles.
 *
 * @param enabled       default false (one process); deploy/ turns it on
 * @param namespace     where the Lease lives; default the pod's namespace ({@code POD_NAMESPACE},
 *                      else the service account's), else {@code default}
 * @param leaseName     default {@code kustos}
 * @param leaseDuration how long a lease holds without renewal; default 15s
 * @param renewDeadline how long the leader keeps trying to renew before it gives up; default 10s
 * @param retryPeriod   how often candidates try and the leader renews; default 2s
 */
public record LeaderElection(Boolean enabled, String namespace, String leaseName, Duration leaseDuration,
                             Duration renewDeadline, Duration retryPeriod) {
    public static final LeaderElection DEFAULT = new LeaderElection(null, null, null, null, null, null);

    public LeaderElection {
        enabled = enabled != null && enabled;
        leaseName = leaseName == null ? "kustos" : leaseName;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(15) : leaseDuration;
        renewDeadline = renewDeadline == null ? Duration.ofSeconds(10) : renewDeadline;
        retryPeriod = retryPeriod == null ? Duration.ofSeconds(2) : retryPeriod;
    }
}
