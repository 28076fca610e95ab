package io.kustos.cluster;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.netty.handler.ssl.DelegatingSslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import io.vertx.ext.web.client.WebClientOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * fabric8's Vert.x client, offering ChaCha20-Poly1305 first when only the C1 compiler runs (the
 * launcher's and the image's {@code -XX:TieredStopAtLevel=1}). C1 compiles no AES or GHASH
 * intrinsics, so AES-GCM, which the client offers first otherwise, was the largest share of a cold
 * apply's CPU (docs/benchmarks.md); the JDK's ChaCha20-Poly1305 costs about a fifth of it there. The
 * API server picks the first suite it supports in the client's order (Go does), and every other
 * suite stays offered after it. With C2, the order is left as it is.
 *
 * <p>For a plain {@code http://} API server ({@link #plainHttpOnly()}, the embedded cluster) its clients build no TLS
 * context.
 */
final class ChaChaFirstHttpClientFactory extends VertxHttpClientFactory {
    private final boolean chaChaFirst;
    private final io.vertx.core.Vertx vertx;
    private volatile boolean plainHttp;

    ChaChaFirstHttpClientFactory(boolean chaChaFirst) {
        this.chaChaFirst = chaChaFirst;
        this.vertx = null;
    }

    /** On the event loops of {@code vertx} (which the factory does not close: {@link HttpClientEventLoops} does). */
    private ChaChaFirstHttpClientFactory(io.vertx.core.Vertx vertx, boolean chaChaFirst) {
        super(vertx);
        this.chaChaFirst = chaChaFirst;
        this.vertx = vertx;
    }

    /** On the event loops of {@code vertx}; ChaCha20 first when this JVM compiles with C1 only. */
    static ChaChaFirstHttpClientFactory forThisJvm(io.vertx.core.Vertx vertx) {
        return new ChaChaFirstHttpClientFactory(vertx, c1Only());
    }

    private static boolean c1Only() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())
                    && Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4;
        } catch (RuntimeException e) { // not HotSpot: leave the order alone
            return false;
        }
    }

    /**
     * Its clients speak plain HTTP only: they build no TLS context. fabric8 builds one for every client up front
     * ({@code HttpClientUtils.applyCommonConfiguration}: the JDK's TLS stack, its cipher suites and providers, ~20 ms
     * of a short command's CPU on the critical path; docs/benchmarks.md "CLI start"), and Vert.x would never use it
     * here. A redirect to {@code https://} (fabric8 follows them) is then made with Vert.x's defaults, the JDK's CA
     * certificates.
     */
    void plainHttpOnly() {
        setTlsWarmup(TlsWarmup.OFF); // nor warm up the TLS stack for a first handshake that never comes
        plainHttp = true;
    }

    @Override
    public VertxHttpClientBuilder<VertxHttpClientFactory> newBuilder() {
        return plainHttp ? new NoTlsContext(this, vertx) : super.newBuilder();
    }

    @Override
    protected void additionalConfig(WebClientOptions options) {
        SSLEngineOptions engines = options.getSslEngineOptions();
        if (chaChaFirst && engines != null) {
            options.setSslEngineOptions(new ChaChaFirst(engines.sslContextFactory()));
        }
    }

    /**
     * The suites {@code enabled}, the ChaCha20 ones of {@code supported} first (of {@code enabled} when
     * {@code jdk.tls.client.cipherSuites} is set), then the rest in their order.
     */
    static String[] chaChaFirst(String[] enabled, String[] supported) {
        return chaChaFirst(enabled, supported, System.getProperty("jdk.tls.client.cipherSuites") != null);
    }

    /**
     * The suites {@code enabled}, the ChaCha20 ones first, then the rest in their order: ChaCha20 from
     * {@code supported}, or only from {@code enabled} when {@code operatorChoseSuites}.
     */
    static String[] chaChaFirst(String[] enabled, String[] supported, boolean operatorChoseSuites) {
        var out = new ArrayList<String>();
        // fabric8 enables a fixed list without ChaCha20: it comes from the engine's supported suites, unless the operator
        // chose the JVM's suites (jdk.tls.client.cipherSuites): then only from those enabled, never one they left out
        String[] chaCha = operatorChoseSuites ? enabled : supported;
        Arrays.stream(chaCha).filter(s -> s.contains("CHACHA20")).forEach(out::add);
        Arrays.stream(enabled).filter(s -> !out.contains(s)).forEach(out::add);
        return out.toArray(String[]::new);
    }

    /** fabric8's TLS engine settings, each engine offering ChaCha20 first. */
    private static final class ChaChaFirst extends JdkSSLEngineOptions {
        private final SslContextFactory contexts;

        ChaChaFirst(SslContextFactory contexts) {
            this.contexts = contexts;
        }

        @Override
        public JdkSSLEngineOptions copy() {
            return this; // as fabric8's own: it holds no per-use state
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return () -> new DelegatingSslContext(contexts.create()) {
                @Override
                protected void initEngine(SSLEngine engine) {
                    engine.setEnabledCipherSuites(chaChaFirst(engine.getEnabledCipherSuites(), engine.getSupportedCipherSuites()));
                }
            };
        }
    }

    /** A builder that keeps no TLS context: the client it builds connects without TLS, as {@code http://} does. */
    private static final class NoTlsContext extends VertxHttpClientBuilder<VertxHttpClientFactory> {
        NoTlsContext(VertxHttpClientFactory factory, io.vertx.core.Vertx vertx) {
            super(factory, vertx);
        }

        @Override
        public VertxHttpClientBuilder<VertxHttpClientFactory> sslContext(KeyManager[] keyManagers, TrustManager[] trustManagers) {
            return this;
        }
    }
}
