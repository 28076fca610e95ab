package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * /metrics serves what README.md ("Metrics") promises: Camel's route metrics beside Kustos's own,
 * HELP texts that say what each counter counts (prune exists), every {@code kustos_} metric served
 * a row of README's table and, with sharding, every row served, the sharding gauges with the
 * replica's share. Without {@code notifications:} there is no notification route (nor its HTTP client).
 */
@RunsAlone
class MetricsMatchTheReadmeIT {
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(kustos_[a-z_]+)`");
    private static final Pattern SERVED = Pattern.compile("(?m)^# HELP (kustos_[a-z_]+) ");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void camelRouteMetricsAndTrueHelpTexts(String clusterName, @TempDir Path tmp) throws Exception {
        withDaemon(clusterName, tmp, "", http -> {
            DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile in /metrics",
                    () -> http.get("/metrics").body().contains("kustos_reconcile_duration_seconds_count"));
            http.get("/healthz");
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.matches("(?s).*\ncamel_exchanges_total\\{[^}]*routeId=\"healthz\"[^}]*} [1-9].*"),
                    "Camel's route metrics:\n" + metrics);
            assertFalse(metrics.contains("routeId=\"notify-"), "no notification route without notifications: configured:\n" + metrics);
            String help = metrics.lines().filter(l -> l.startsWith("# HELP kustos_objects_pruned_total")).findFirst().orElseThrow();
            assertFalse(help.contains("not implemented"), help);
            assertTrue(help.contains("left git"), help);
            assertEquals(Set.of(), difference(served(metrics), readmeTable()), "served but not in README's metrics table");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aShardedReplicaServesItsShareAndEveryMetricOfTheTable(String clusterName, @TempDir Path tmp) throws Exception {
        withDaemon(clusterName, tmp, "sharding: { enabled: true, namespace: %s, leaseDuration: 5s, renewDeadline: 3s, retryPeriod: 500ms }\n",
                http -> {
                    DaemonHttp.await(Duration.ofSeconds(60), "the replica to own staging and reconcile it", () -> {
                        String m = http.get("/metrics").body();
                        return m.contains("\nkustos_sharding_owned_environments 1.0") && m.contains("kustos_reconcile_duration_seconds_count");
                    });
                    String metrics = http.get("/metrics").body();
                    assertTrue(metrics.contains("\nkustos_sharding_members 1.0\n"), metrics);
                    Set<String> table = readmeTable();
                    Set<String> served = served(metrics);
                    assertEquals(Set.of(), difference(served, table), "served but not in README's metrics table");
                    assertEquals(Set.of(), difference(table, served), "in README's metrics table but not served");
                });
    }

    private interface DaemonCheck {
        void check(DaemonHttp http) throws Exception;
    }

    /** A daemon polling staging every hour, with {@code yaml} (%s: the test's namespace) added to its kustos.yaml. */
    private static void withDaemon(String clusterName, Path tmp, String yaml, DaemonCheck check) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1 }
                    """ + yaml.formatted(h.namespace()));
            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null);
                 var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                check.check(new DaemonHttp(daemon.port()));
            }
        }
    }

    /** The names in README's metrics table. */
    private static Set<String> readmeTable() throws java.io.IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("\n### Metrics\n"));
        section = section.substring(0, section.indexOf("\n### ", 1));
        Set<String> names = new TreeSet<>();
        TABLE_ROW.matcher(section).results().forEach(m -> names.add(m.group(1)));
        assertFalse(names.isEmpty(), "no metrics table in README.md");
        return names;
    }

    /** The kustos_ metrics /metrics serves, a timer's {@code _max} gauge counted as the timer. */
    private static Set<String> served(String metrics) {
        Set<String> names = new TreeSet<>();
        SERVED.matcher(metrics).results().forEach(m -> names.add(m.group(1).replaceAll("_seconds_max$", "_seconds")));
        return names;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
