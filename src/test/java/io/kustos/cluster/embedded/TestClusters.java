package io.kustos.cluster.embedded;

import io.kustos.cluster.embedded.sim.SimulationSettings;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Test helpers: a fast cluster and a bounded poll. */
final class TestClusters {

    private TestClusters() {
    }

    /** A cluster whose controllers react within 20 ms and whose Jobs run for 100 ms. */
    static EmbeddedCluster start() {
        return EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    /** Polls until the condition holds, failing after 60 seconds. */
    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(25)).pollInSameThread()
                .until(condition::getAsBoolean);
    }
}
