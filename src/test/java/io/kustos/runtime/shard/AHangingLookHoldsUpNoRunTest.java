package io.kustos.runtime.shard;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.config.Sharding;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A look at the Leases that hangs on an API server that does not answer (review9-shard #1) holds up no run: a run
 * starts at once with what this replica owns (here nothing), while the look still waits for its answer.
 */
class AHangingLookHoldsUpNoRunTest {

    @Test
    void aRunStartsWhileALookHangs() throws IOException {
        var sockets = new CopyOnWriteArrayList<Socket>();
        try (var silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        sockets.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // the test ended
                }
            }, "silent-api-server");
            acceptor.setDaemon(true);
            acceptor.start();
            var config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + silent.getLocalPort()).withRequestTimeout(120_000)
                    .withRequestRetryBackoffLimit(0).build();
            try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
                var settings = new Sharding(true, "kustos", Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
                var shards = new Shards(client, settings, "kustos", "a", List.of("staging"), Clock.systemUTC());
                var look = CompletableFuture.runAsync(shards::tick);
                await("the look to send its first request").atMost(Duration.ofSeconds(30)).until(() -> !sockets.isEmpty());
                var run = CompletableFuture.supplyAsync(shards::startRun);
                await("the run to start").atMost(Duration.ofSeconds(30)).until(run::isDone);
                assertFalse(look.isDone(), "the look still waits for its answer");
                assertEquals(Set.of(), run.join());
                shards.halt();
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
