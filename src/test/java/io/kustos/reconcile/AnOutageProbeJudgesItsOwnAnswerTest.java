package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApiServerAnswers;
import io.kustos.cluster.TargetCluster;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.testsupport.MovingClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The request that checks whether a cluster that was out answers again is judged by its own answer, not by the
 * cluster's shared "last request" flag, which another request on the same client (a watch reconnecting, another
 * environment, a late timeout) may set between the probe and its reading.
 */
class AnOutageProbeJudgesItsOwnAnswerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final TargetOutcome UNREACHABLE = new TargetOutcome.Failed("production",
            new TransientException("cannot list ConfigMaps", FailureReason.CLUSTER_UNREACHABLE, null));

    @Test
    void anAnsweredProbeBringsTheClusterBackWhateverAnotherRequestSaidMeanwhile() {
        try (var server = EmbeddedCluster.start(0); var client = server.newClient()) {
            var answers = new ApiServerAnswers(); // not on the client: it stays as the "other requests" left it
            var cluster = new TargetCluster("context \"near\"", client, answers);
            var clock = new MovingClock(Instant.parse("2026-12-05T12:00:00Z"));
            var outages = new ClusterOutages(INTERVAL, clock);
            answers.afterConnectionFailure(null, new ConnectException("Connection refused"));
            outages.guard(cluster, "production", () -> UNREACHABLE);
            assertTrue(outages.out(cluster));

            clock.advance(INTERVAL);
            var ran = new AtomicInteger();
            // a stale timeout of an older request still marks the shared flag down: the probe itself is answered
            outages.guard(cluster, "production", () -> {
                ran.incrementAndGet();
                return new TargetOutcome.InSync("production", null);
            });
            assertEquals(1, ran.get(), "the probe was answered: the environment runs");
        }
    }

    @Test
    void anUnansweredProbeKeepsTheClusterOutWhateverAnotherRequestSaidMeanwhile() throws IOException {
        // a port bound but never listening: connections to it are refused, and no other test (fork) can bind it while held
        // (a plain socket does not set SO_REUSEADDR); a closed ServerSocket's port could be taken in between
        try (var held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            probeAnUnansweringServer(held.getLocalPort());
        }
    }

    private static void probeAnUnansweringServer(int port) {
        var config = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0).build();
        try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
            var answers = new ApiServerAnswers();
            var cluster = new TargetCluster("context \"far\"", client, answers);
            var clock = new MovingClock(Instant.parse("2026-12-05T12:00:00Z"));
            var outages = new ClusterOutages(INTERVAL, clock);
            answers.afterConnectionFailure(null, new ConnectException("Connection refused"));
            outages.guard(cluster, "production", () -> UNREACHABLE);

            clock.advance(INTERVAL);
            answers.after(null, null, null); // a watch's answer on the shared client, after the probe failed
            var ran = new AtomicInteger();
            TargetOutcome outcome = outages.guard(cluster, "production", () -> {
                ran.incrementAndGet();
                return new TargetOutcome.InSync("production", null);
            });
            assertEquals(0, ran.get(), "the probe got no answer: the environment does not run");
            var failed = assertInstanceOf(TargetOutcome.Failed.class, outcome);
            assertTrue(failed.error().getMessage().contains("Connection refused"), failed.error().getMessage());
            assertTrue(outages.out(cluster));
        }
    }
}
