package io.kustos.cluster;

import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: fabric8 builds a TLS context for every client up front, even for a plain
 * {@code http://} API server such as the embedded cluster (about 400 classes of the JDK's TLS
 * stack in every kustos apply and diff); Kustos's clients of such a server build none.
 */
class NoTlsContextForAPlainHttpServerTest {
    @Test
    void aPlainHttpServerGetsNoTlsContextAndAnHttpsServerItsUsualOne() {
        try (var loops = new HttpClientEventLoops()) {
            assertEquals(TlsWarmup.OFF, ((VertxHttpClientFactory) loops.factory("http://127.0.0.1:16443/")).getTlsWarmup());
            assertEquals(TlsWarmup.OFF, ((VertxHttpClientFactory) loops.factory("HTTP://localhost:8080")).getTlsWarmup());
            assertEquals(new VertxHttpClientFactory().getTlsWarmup(), ((VertxHttpClientFactory) loops.factory("https://east.example.com:6443")).getTlsWarmup(),
                    "https: fabric8's default");
        }
    }
}
