package io.kustos.cluster.embedded.sim;

import java.time.Duration;

/**
 * Timing of the simulated controllers.
 *
 * @param reconcileDelay how long after a change a controller acts on it (a real controller
 *                       is never instant; callers must wait for status, not assume it)
 * @param jobDuration    how long a simulated Job runs before it succeeds or fails
 */
public record SimulationSettings(Duration reconcileDelay, Duration jobDuration) {

    /** 200 ms to react, Jobs run for 500 ms. */
    public static SimulationSettings defaults() {
        return new SimulationSettings(Duration.ofMillis(200), Duration.ofMillis(500));
    }
}
