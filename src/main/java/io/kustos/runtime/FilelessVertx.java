package io.kustos.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Vert.x instance under the daemon's HTTP server, made to write no file: Camel would make one
 * that resolves classpath resources through a {@code vertx-cache-*} folder it creates in
 * {@code java.io.tmpdir} at start (removed at a clean close, left behind by a killed process). The
 * daemon serves no file, so classpath resolving and file caching are off and no folder is made.
 * Camel finds it in its registry and leaves closing it to the daemon. Its blocking work (the routes of
 * the webhooks, {@code /status}, {@code /metrics} and the health checks: short, none waits for a
 * reconcile) runs on {@value #WORKERS} worker threads, not Vert.x's default 20: a pool of 20 starts a
 * new thread for each request until it has 20, each keeping its stack and malloc cache for the life
 * of the daemon (docs/benchmarks.md, "Daemon memory"). It resolves the bind host with the JDK, not Netty's
 * DNS resolver ({@link io.kustos.cluster.JdkNameResolution}).
 */
final class FilelessVertx {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    static final int WORKERS = 4;

    private FilelessVertx() {
    }

    static Vertx create() {
        return io.kustos.cluster.JdkNameResolution.vertx(() -> Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKERS).setFileSystemOptions(
                new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false))));
    }

    static void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(FilelessVertx.class).warn("the HTTP server's Vert.x did not close: {}", e.toString());
        }
    }
}
