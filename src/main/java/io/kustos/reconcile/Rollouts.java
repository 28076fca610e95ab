package io.kustos.reconcile;

import io.kustos.config.Sync;
import io.kustos.rollout.PlanRollout;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes the {@link PlanRollout} of one run from the sync settings: how to write and how long to
 * wait, by which clock.
 */
record Rollouts(Sync sync, Duration poll, Clock clock) {
    PlanRollout of(EnvironmentRun run) {
        return new PlanRollout(run.access.client(), run.force || sync.force(), sync.concurrency(), sync.rolloutTimeout(), poll, clock);
    }
}
