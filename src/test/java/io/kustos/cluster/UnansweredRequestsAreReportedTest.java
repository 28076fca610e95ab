package io.kustos.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.*;

/** An API server that does not answer: `api requests:` says how many of the requests sent got no answer. */
class UnansweredRequestsAreReportedTest {
    @Test
    void aRefusedConnectionIsReportedAsUnanswered() throws Exception {
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
        assertTrue(counter.reads() >= 1, counter.toString());
        assertEquals(counter.reads(), counter.failed(), "every read sent got no answer: " + counter);
        assertTrue(counter.toString().endsWith("; " + counter.reads() + " of them got no answer"), counter.toString());
    }
}
