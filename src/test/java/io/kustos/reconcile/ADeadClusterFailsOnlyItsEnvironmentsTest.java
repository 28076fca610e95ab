package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.cluster.ApiFailures;
import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.TargetCluster;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.config.Target;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.testsupport.MovingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17, point 3: a cluster that gives no answer (here: nothing listens at its port) fails its
 * own environments, naming its context and server; after the first failure they fail at once,
 * without running, until the retry is due (the interval, then doubled); the environments of an
 * answering cluster run all the while; when the dead one answers again, its environments run.
 */
class ADeadClusterFailsOnlyItsEnvironmentsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void aDeadClusterFailsItsEnvironmentsAloneAndIsRetriedWithBackoff(@TempDir Path tmp) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path far = tmp.resolve("far.kubeconfig");
        Files.writeString(far, """
                apiVersion: v1
                kind: Config
                clusters: [{name: far, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: far-away, context: {cluster: far, user: u}}]
                current-context: far-away
                """.formatted(port));
        try (var near = EmbeddedCluster.start(0); var clients = new ClusterClients(null, null)) {
            Path nearConfig = tmp.resolve("near.kubeconfig");
            near.writeKubeconfig(nearConfig);
            TargetCluster dead = clients.cluster(new Target("production", "default", List.of(), far, null, false));
            TargetCluster alive = clients.cluster(new Target("staging", "default", List.of(), nearConfig, null, false));
            var clock = new MovingClock(Instant.parse("2026-12-05T12:00:00Z"));
            var outages = new ClusterOutages(INTERVAL, clock);
            var ran = new AtomicInteger();

            TargetOutcome first = outages.guard(dead, "production", () -> listConfigMaps(dead, "production", ran));
            assertEquals(1, ran.get(), "the first run of the dead cluster's environment is tried");
            String message = error(first).getMessage();
            assertTrue(message.contains("context \"far-away\" (API server http://127.0.0.1:" + port + "/) gives no answer"),
                    "the error names the cluster's context and server: " + message);
            assertTrue(message.contains("Connection refused"), "and why: " + message);
            assertTrue(message.contains("tried again in 10s"), "and when it is tried again: " + message);

            TargetOutcome refused = outages.guard(dead, "production", () -> listConfigMaps(dead, "production", ran));
            assertEquals(1, ran.get(), "until the retry is due, the dead cluster's environments fail without running");
            assertTrue(error(refused).getMessage().startsWith("production: not reconciled: context \"far-away\""), error(refused).getMessage());

            assertInstanceOf(TargetOutcome.InSync.class, outages.guard(alive, "staging", () -> listConfigMaps(alive, "staging", ran)),
                    "the answering cluster's environment runs all the while");
            assertEquals(2, ran.get());

            clock.advance(INTERVAL);
            assertInstanceOf(ClusterUnreachableException.class, error(outages.guard(dead, "production",
                    () -> listConfigMaps(dead, "production", ran))), "due: one request finds it still dead");
            assertEquals(2, ran.get(), "the environment did not run: the request before it got no answer");
            clock.advance(INTERVAL);
            String doubled = error(outages.guard(dead, "production", () -> listConfigMaps(dead, "production", ran))).getMessage();
            assertTrue(doubled.contains("tried again in 10s"), "the wait doubled to 20s, half of it gone: " + doubled);
            assertEquals(2, ran.get());

            try (var back = EmbeddedCluster.start(port)) {
                clock.advance(INTERVAL);
                assertInstanceOf(TargetOutcome.InSync.class, outages.guard(dead, "production", () -> listConfigMaps(dead, "production", ran)),
                        "answering again, its environment runs");
                assertEquals(3, ran.get());
                assertFalse(outages.out(dead));
            }
        }
    }

    /** A run that lists ConfigMaps: in sync when answered, failed (may pass) when not. */
    private static TargetOutcome listConfigMaps(TargetCluster cluster, String environment, AtomicInteger ran) {
        ran.incrementAndGet();
        try {
            cluster.client().configMaps().inNamespace("default").list();
            return new TargetOutcome.InSync(environment, null);
        } catch (KubernetesClientException e) {
            return new TargetOutcome.Failed(environment, new TransientException("cannot list ConfigMaps: " + ApiFailures.describe(e, cluster.client()),
                    FailureReason.CLUSTER_UNREACHABLE, null));
        }
    }

    private static io.kustos.failure.KustosException error(TargetOutcome outcome) {
        return assertInstanceOf(TargetOutcome.Failed.class, outcome, String.valueOf(outcome)).error();
    }
}
