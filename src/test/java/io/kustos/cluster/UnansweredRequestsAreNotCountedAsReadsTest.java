package io.kustos.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.*;

/** An API server that does not answer: `api requests:` claims no read that never got an answer, and says how many failed. */
class UnansweredRequestsAreNotCountedAsReadsTest {
    @Test
    void aRefusedConnectionIsAFailureNotARead() throws Exception {
        int port;
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        var counter = new RequestCounter();
        var config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).build();
        try (var client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("counter", counter)).build()) {
            assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace("staging").withName("app").get());
        }
        assertEquals(0, counter.reads(), counter.toString());
        assertTrue(counter.failed() >= 1, counter.toString());
        assertTrue(counter.toString().startsWith("0 reads, 0 dry runs, 0 writes, 0 records (events, history); "), counter.toString());
        assertTrue(counter.toString().endsWith(" failed (no answer)"), counter.toString());
    }
}
