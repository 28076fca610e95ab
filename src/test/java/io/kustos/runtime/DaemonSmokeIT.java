package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

class DaemonSmokeIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @Test
    void smoke(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            Files.writeString(tmp.resolve("hook-secret"), "s3cret\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    """);
            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(5))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(20), "readyz", () -> http.get("/readyz").statusCode() == 200);
                System.out.println(http.get("/readyz").body());
                System.out.println(http.get("/healthz").body());
                h.config().commit("change", Map.of(FILE, configMap("app-config", "A", "2")));
                assertEquals(401, http.hook(WebhookProvider.GITHUB, "{}", null).statusCode());
                var r = http.hook(WebhookProvider.GITHUB, "{}", "s3cret");
                assertEquals(202, r.statusCode(), r.body());
                Duration took = DaemonHttp.await(Duration.ofSeconds(20), "change applied", () -> "2".equals(
                        h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A")));
                System.out.println("latency " + took.toMillis());
                System.out.println(http.get("/metrics").body());
            }
        }
    }
}
