package io.kustos.cluster;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContextBuilder;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a TLS engine of the Kubernetes client offers the API server, in order. */
class ChaChaFirstHttpClientFactoryTest {

    /** Client options whose TLS engines are a plain Netty client context's, as fabric8 sets them before its hook. */
    private static WebClientOptions fabric8Options() {
        var options = new WebClientOptions();
        options.setSslEngineOptions(new JdkSSLEngineOptions() {
            @Override
            public SslContextFactory sslContextFactory() {
                return () -> SslContextBuilder.forClient().build();
            }
        });
        return options;
    }

    private static List<String> offered(WebClientOptions options) throws SSLException {
        return List.of(options.getSslEngineOptions().sslContextFactory().create().newEngine(ByteBufAllocator.DEFAULT).getEnabledCipherSuites());
    }

    @Test
    void withC1OnlyChaCha20IsOfferedFirstAndEverySuiteOfferedBeforeStillIs() throws SSLException {
        List<String> before = offered(fabric8Options());
        var options = fabric8Options();
        new ChaChaFirstHttpClientFactory(true).additionalConfig(options);
        List<String> after = offered(options);

        assertEquals("TLS_CHACHA20_POLY1305_SHA256", after.get(0), after.toString());
        assertTrue(after.containsAll(before), after + " lost some of " + before);
        assertEquals(before.stream().filter(s -> !s.contains("CHACHA20")).toList(), after.stream().filter(s -> !s.contains("CHACHA20")).toList(),
                "the other suites keep their order");
    }

    @Test
    void withC2TheOrderIsLeftAlone() throws SSLException {
        var options = fabric8Options();
        new ChaChaFirstHttpClientFactory(false).additionalConfig(options);
        assertEquals(offered(fabric8Options()), offered(options));
    }

    @Test
    void chaChaSuitesTheEngineSupportsComeFirstOnce() {
        String[] enabled = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"};
        String[] supported = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        assertEquals(List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256"), List.of(ChaChaFirstHttpClientFactory.chaChaFirst(enabled, supported, false)));
    }

    /** Review 10 W8: suites the operator chose ({@code jdk.tls.client.cipherSuites}) are reordered, never added to. */
    @Test
    void withTheOperatorsSuitesOnlyThoseEnabledAreOfferedChaCha20First() {
        String[] supported = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        String[] withChaCha = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"};
        assertEquals(List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
                List.of(ChaChaFirstHttpClientFactory.chaChaFirst(withChaCha, supported, true)), "the enabled ChaCha20 first, no other added");

        String[] aesOnly = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"};
        assertEquals(List.of(aesOnly), List.of(ChaChaFirstHttpClientFactory.chaChaFirst(aesOnly, supported, true)),
                "a policy that leaves ChaCha20 out keeps it out");
    }
}
