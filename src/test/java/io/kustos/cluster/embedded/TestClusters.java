package io.kustos.cluster.embedded;

import io.kustos.cluster.embedded.sim.SimulationSettings;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Test helpers: a fast cluster and a bounded poll. */
final class TestClusters {

    private TestClusters() {
    }

    /** A cluster whose controllers react within 20 ms and whose Jobs run for 100 ms. */
    static EmbeddedCluster start() {
        return EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    /** Polls until the condition holds, failing after 20 seconds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out waiting for " + what);
    }
}
