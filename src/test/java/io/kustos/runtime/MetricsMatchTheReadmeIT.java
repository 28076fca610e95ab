package io.kustos.runtime;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * /metrics serves what README.md ("Metrics") promises: Camel's route metrics beside Kustos's own,
 * and HELP texts that say what each counter counts (prune exists).
 */
class MetricsMatchTheReadmeIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void camelRouteMetricsAndTrueHelpTexts(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1 }
                    """);
            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null);
                 var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile in /metrics",
                        () -> http.get("/metrics").body().contains("kustos_reconcile_duration_seconds_count"));
                http.get("/healthz");
                String metrics = http.get("/metrics").body();
                assertTrue(metrics.matches("(?s).*\ncamel_exchanges_total\\{[^}]*routeId=\"healthz\"[^}]*} [1-9].*"),
                        "Camel's route metrics:\n" + metrics);
                String help = metrics.lines().filter(l -> l.startsWith("# HELP kustos_objects_pruned_total")).findFirst().orElseThrow();
                assertFalse(help.contains("not implemented"), help);
                assertTrue(help.contains("left git"), help);
            }
        }
    }
}
