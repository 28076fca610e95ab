package io.kustos.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static io.kustos.testsupport.FaultProxyTest.clientOf;
import static io.kustos.testsupport.FaultProxyTest.configMap;
import static io.kustos.testsupport.FaultProxyTest.kubectl;
import static io.kustos.testsupport.FaultProxyTest.watchStreamsThroughAndSurvivesADrop;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@link FaultProxy} in front of both test clusters: plain http in front of the embedded one,
 * TLS on both sides in front of the real one (its own certificate to the client, the real CA and
 * the token to the API server). kubectl and fabric8 go through it; a fault reaches them; a watch
 * streams through, over a WebSocket (fabric8's default, both clusters) and as chunked HTTP (the
 * real server only: the embedded one answers watches over WebSockets only), and comes back after a drop.
 */
class FaultProxyIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void kubectlFabric8AndWatchesGoThroughTheProxy(String clusterName, @TempDir Path tmp) throws Exception {
        try (var cluster = TestClusters.open(clusterName, tmp); var proxy = FaultProxy.inFrontOf(cluster, tmp);
             var client = clientOf(proxy.kubeconfig())) {
            String ns = "kt-proxy-" + HexFormat.of().formatHex(new byte[]{(byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
            cluster.createNamespace(ns);
            try {
                assertEquals(clusterName.equals("realkube") ? "https" : "http", proxy.url().getScheme(), "TLS in front of TLS");
                kubectl(proxy, "create", "configmap", "web-7", "-n", ns, "--from-literal=A=1");
                assertEquals("1", cluster.client().configMaps().inNamespace(ns).withName("web-7").get().getData().get("A"));
                assertEquals("1", client.configMaps().inNamespace(ns).withName("web-7").get().getData().get("A"));

                FaultRule rule = proxy.on("GET", "/api/v1/namespaces/" + ns + "/configmaps/web-7").first(1).status(503);
                assertEquals(503, assertThrows(KubernetesClientException.class,
                        () -> client.configMaps().inNamespace(ns).withName("web-7").get()).getCode());
                assertEquals("1", kubectl(proxy, "get", "configmap", "web-7", "-n", ns, "-o", "jsonpath={.data.A}").trim());
                assertEquals(1, rule.faulted());
                assertEquals(2, rule.matched());

                watchStreamsThroughAndSurvivesADrop(proxy, client, cluster.client(), ns);
                if (clusterName.equals("realkube")) {
                    cluster.client().configMaps().inNamespace(ns).withName("before-drop").delete();
                    cluster.client().configMaps().inNamespace(ns).withName("after-drop").delete();
                    try (var second = FaultProxy.inFrontOf(cluster, Files.createDirectories(tmp.resolve("http-watch")))) {
                        Config config = Config.fromKubeconfig(null, Files.readString(second.kubeconfig()), second.kubeconfig().toString());
                        config.setOnlyHttpWatches(true);
                        try (var http = new KubernetesClientBuilder().withConfig(config).build()) {
                            watchStreamsThroughAndSurvivesADrop(second, http, cluster.client(), ns);
                        }
                    }
                }
            } finally {
                cluster.client().namespaces().withName(ns).delete();
            }
        }
    }
}
