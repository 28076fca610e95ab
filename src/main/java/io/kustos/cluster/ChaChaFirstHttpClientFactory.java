package io.kustos.cluster;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.netty.handler.ssl.DelegatingSslContext;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import io.vertx.ext.web.client.WebClientOptions;

import javax.net.ssl.SSLEngine;
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
 */
final class ChaChaFirstHttpClientFactory extends VertxHttpClientFactory {
    private final boolean chaChaFirst;

    ChaChaFirstHttpClientFactory(boolean chaChaFirst) {
        this.chaChaFirst = chaChaFirst;
    }

    /** On the event loops of {@code vertx} (which the factory does not close: {@link HttpClientEventLoops} does). */
    private ChaChaFirstHttpClientFactory(io.vertx.core.Vertx vertx, boolean chaChaFirst) {
        super(vertx);
        this.chaChaFirst = chaChaFirst;
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
}
