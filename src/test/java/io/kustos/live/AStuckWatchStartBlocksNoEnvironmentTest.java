package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.failure.RetryDelay;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 review: while the API server gives no answer, starting a watch hangs until the request
 * times out. Only the environment whose read started it waits for it: the others that read the same
 * watch meanwhile are told at once that the cache cannot answer (they list instead), and the other
 * watches of the cluster serve their readers.
 */
class AStuckWatchStartBlocksNoEnvironmentTest {
    @Test
    void readersListWhileAWatchStartHangs() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService environments = Executors.newCachedThreadPool();
        try (var cluster = EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)));
             var watches = new ClusterWatches(cluster.client(), new RetryDelay(Duration.ofSeconds(1)), Clock.systemUTC())) {
            cluster.createNamespace("shared");
            Supplier<SharedIndexInformer<ConfigMap>> hanging = () -> {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new KubernetesClientException("the API server gives no answer");
            };
            Supplier<SharedIndexInformer<ConfigMap>> working = () -> cluster.client().configMaps().inNamespace("shared").inform();

            var a = CompletableFuture.runAsync(() -> watches.items("ConfigMap", "shared", hanging), environments);
            assertTrue(entered.await(30, TimeUnit.SECONDS), "a's read starts the watch");
            var b = CompletableFuture.runAsync(() -> watches.items("ConfigMap", "shared", working), environments);
            await("b's read while a's start of the same watch hangs").atMost(Duration.ofSeconds(30)).until(b::isDone);
            var thrown = assertThrows(ExecutionException.class, b::get);
            assertInstanceOf(WatchedObjects.WatchUnavailableException.class, thrown.getCause(), "b lists instead");

            WatchedObjects other = watches.forEnvironment();
            await("another watch of the cluster serves its reader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .ignoreException(WatchedObjects.WatchUnavailableException.class)
                    .until(() -> other.caches().orElseThrow().deployments("shared").isEmpty());
            assertFalse(a.isDone(), "a still waits for its own start");

            release.countDown();
            await("a's start fails").atMost(Duration.ofSeconds(30)).until(a::isDone);
            var failed = assertThrows(ExecutionException.class, a::get);
            assertInstanceOf(WatchedObjects.WatchUnavailableException.class, failed.getCause(), "a lists instead");
        } finally {
            release.countDown();
            environments.shutdownNow();
        }
    }
}
