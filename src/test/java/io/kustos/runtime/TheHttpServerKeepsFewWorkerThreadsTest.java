package io.kustos.runtime;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's HTTP server runs its routes on a few worker threads: with Vert.x's default pool of 20, each
 * request started a new thread until there were 20 (18 in a daemon after a few minutes of polls), each
 * keeping its stack and malloc cache.
 */
class TheHttpServerKeepsFewWorkerThreadsTest {
    @Test
    void requestsOneAfterAnotherReuseTheSameFewWorkers() throws Exception {
        var vertx = FilelessVertx.create();
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 12; i++) { // one at a time, as the bench's /status polls come
                vertx.executeBlocking(() -> threads.add(Thread.currentThread().getName()), false)
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertTrue(threads.size() <= FilelessVertx.WORKERS, "worker threads used for 12 requests one after another: " + threads);
        } finally {
            FilelessVertx.close(vertx);
        }
    }
}
