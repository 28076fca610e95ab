package io.kustos.cluster;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.impl.VertxBuilder;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.spi.VertxThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops (one Vert.x instance) that the fabric8 clients of one {@link ClusterClients}
 * share, made on the first client and ended by {@link #close()}, which waits until they have
 * ended. fabric8's own factory makes one Vert.x per client and closes it without waiting, so
 * a short command's {@code System.exit} found the loops' threads still in native code
 * ({@code epoll_wait}), and HotSpot waits up to 300 ms for such threads before it exits
 * (issue 18 point 1: a no-op {@code kustos apply} spent 0.3 s of its 1.7 s there).
 */
final class HttpClientEventLoops implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpClientEventLoops.class);
    /** How long close() waits for the loops to end; they end in milliseconds unless a task hangs. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** Begins the name of each of these loops' threads ({@code kustos-http-3-vert.x-eventloop-thread-0}): one instance's, in a thread dump too. */
    private final String threadNamePrefix = "kustos-http-" + INSTANCES.incrementAndGet() + "-";
    private Vertx vertx;

    /**
     * A factory whose clients (and the clients derived from them) use these event loops. For an
     * {@code http://} API server (the embedded cluster) it builds no TLS context, which fabric8
     * builds up front for every client by default (about 400 classes of the JDK's TLS stack).
     */
    synchronized HttpClient.Factory factory(String masterUrl) {
        if (vertx == null) {
            vertx = newVertx(threadNamePrefix);
        }
        var factory = ChaChaFirstHttpClientFactory.forThisJvm(vertx);
        if (plainHttp(masterUrl)) {
            factory.plainHttpOnly();
        }
        return factory;
    }

    /** Whether {@code masterUrl} is a plain {@code http://} API server (the embedded cluster): no TLS. */
    static boolean plainHttp(String masterUrl) {
        return masterUrl != null && masterUrl.regionMatches(true, 0, "http://", 0, 7);
    }

    /**
     * As fabric8's factory makes its own: daemon threads, no file cache, the JDK's name resolution
     * (not Netty's DNS resolver; the property is read when Vert.x starts); its threads' names begin
     * with {@code threadNamePrefix} (Vert.x's public builder of 4.5 takes no thread factory, so its
     * own builder, as {@code Vertx.vertx(options)} uses it).
     */
    private static Vertx newVertx(String threadNamePrefix) {
        var options = new VertxOptions()
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false))
                .setUseDaemonThread(true);
        return JdkNameResolution.vertx(() -> {
            try {
                return named(options, threadNamePrefix);
            } catch (LinkageError e) { // Vert.x's own builder is no public API: changed in another version, the threads keep Vert.x's names
                return Vertx.vertx(options);
            }
        });
    }

    /** A Vert.x whose threads' names begin with {@code threadNamePrefix}, made through Vert.x's own builder (4.5). */
    private static Vertx named(VertxOptions options, String threadNamePrefix) {
        var named = new VertxThreadFactory() {
            @Override
            public VertxThread newVertxThread(Runnable task, String name, boolean worker, long maxExecTime, TimeUnit unit) {
                return new VertxThread(task, threadNamePrefix + name, worker, maxExecTime, unit);
            }
        };
        return new VertxBuilder(options).threadFactory(named).init().vertx();
    }

    /** What the names of these loops' threads begin with. */
    String threadNamePrefix() {
        return threadNamePrefix;
    }

    /**
     * Ends the event loops and waits (at most {@link #CLOSE_WAIT}) until they have; from one of
     * the loops' own threads it only starts the close, as waiting there would wait for itself.
     */
    @Override
    public synchronized void close() {
        if (vertx == null) {
            return;
        }
        var closed = vertx.close().toCompletionStage().toCompletableFuture();
        vertx = null;
        if (Context.isOnVertxThread()) {
            return;
        }
        try {
            closed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("the HTTP client's event loops did not end within {}: {}", CLOSE_WAIT, e.toString());
        }
    }
}
