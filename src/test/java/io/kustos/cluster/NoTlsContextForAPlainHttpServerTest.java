package io.kustos.cluster;

import io.fabric8.kubernetes.client.vertx.TlsWarmup;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.kustos.config.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * fabric8 makes every client's TLS context as it configures its builder ({@code HttpClientUtils.applyCommonConfiguration}:
     * an {@code SSLContext} with the JDK's cipher suites and providers); for a plain-http server the builder keeps none.
     */
    @Test
    void aPlainHttpServersClientBuilderMakesNoSslContext() {
        var plain = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:16443").withTrustCerts(true).build();
        var tls = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://east.example.com:6443").build();
        try (var loops = new HttpClientEventLoops()) {
            var plainBuilder = (io.fabric8.kubernetes.client.http.StandardHttpClientBuilder<?, ?, ?>) loops.factory(plain.getMasterUrl()).newBuilder(plain);
            var tlsBuilder = (io.fabric8.kubernetes.client.http.StandardHttpClientBuilder<?, ?, ?>) loops.factory(tls.getMasterUrl()).newBuilder(tls);

            assertNull(plainBuilder.getSslContext(), "http: no TLS context");
            assertNotNull(tlsBuilder.getSslContext(), "https: fabric8's TLS context");
            try (var client = plainBuilder.build()) {
                assertNotNull(client, "a client without a TLS context is built");
            }
        }
    }

    /** Nor does it load the JDK's CA certificates to trust a server it speaks no TLS to (~150 classes, 0.1 s of CPU). */
    @Test
    void aPlainHttpServerLoadsNoCaCertificates(@TempDir Path tmp) throws IOException {
        Path plain = kubeconfig(tmp.resolve("plain"), "http://127.0.0.1:16443");
        Path tls = kubeconfig(tmp.resolve("tls"), "https://east.example.com:6443");
        try (var clients = new ClusterClients(null, null)) {
            assertTrue(clients.forTarget(new Target("dev", "dev", List.of(), plain, null, false)).getConfiguration().isTrustCerts());
            assertFalse(clients.forTarget(new Target("prod", "prod", List.of(), tls, null, false)).getConfiguration().isTrustCerts(),
                    "https: the server's certificate is checked");
        }
    }

    private static Path kubeconfig(Path file, String server) throws IOException {
        return Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"" + server
                + "\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n");
    }
}
