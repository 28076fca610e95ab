package io.kustos.reconcile;

import io.kustos.config.Sync;

import java.time.Duration;

/** Makes the {@link TargetRollout} of one run from the sync settings: how to write and how long to wait. */
record Rollouts(Sync sync, Duration poll) {
    TargetRollout of(EnvironmentRun run) {
        return new TargetRollout(run.access.client(), run.force || sync.force(), sync.concurrency(), sync.rolloutTimeout(), poll);
    }
}
