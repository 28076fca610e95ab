package io.kustos.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.history.HistoryStore;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.SecondEnvironment;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `kustos apply -e staging` applies staging only: production's objects stay absent or unchanged and
 * its history gets no record; the exit code and the report are staging's, even while production's
 * files are invalid. An unknown name is exit 3, naming it, kustos.yaml and its environments, and
 * nothing is done. `-e` repeats or takes a comma-separated list.
 */
class ApplyToSomeEnvironmentsIT {
    private static final String STAGING = "environments/staging/app/config.yaml";
    private static final String PRODUCTION = "environments/production/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void applyWritesAndRecordsTheSelectedEnvironmentsOnly(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of(STAGING, configMap("app-config", "A", "1"), PRODUCTION, configMap("app-config", "A", "1")));
             var production = SecondEnvironment.add(h, "production")) {
            KubernetesClient client = h.cluster().client();
            String productionTemplate = template(client, production.namespace());

            KustosRun staging = h.kustos("apply", "-e", "staging");
            assertEquals(0, staging.exit(), staging.toString());
            assertTrue(staging.out().contains("\nstaging: applied "), staging.toString());
            assertFalse(staging.out().contains("\nproduction:"), "only staging is reported:\n" + staging);
            assertEquals("1", value(client, h.namespace()));
            assertNull(client.configMaps().inNamespace(production.namespace()).withName("app-config").get(), "production not written");
            assertEquals(productionTemplate, template(client, production.namespace()), "production's Deployment not restarted");
            assertEquals(List.of(), records(client, production), "no record in production's history");
            assertNull(client.configMaps().inNamespace(production.namespace()).withName("kustos-history").get());

            h.config().commit("A=2 everywhere", Map.of(STAGING, configMap("app-config", "A", "2"), PRODUCTION, configMap("app-config", "A", "2")));
            KustosRun unknown = h.kustos("apply", "-e", "staging", "-e", "prod");
            assertEquals(3, unknown.exit(), unknown.toString());
            assertTrue(unknown.err().contains("--environment: " + h.kustosYaml() + " has no environment \"prod\" (it defines staging, production)"),
                    unknown.toString());
            assertEquals("", unknown.out(), unknown.toString());
            assertEquals("1", value(client, h.namespace()), "nothing done");
            assertEquals(1, records(client, h.namespace(), "staging").size(), "nothing recorded");

            KustosRun productionOnly = h.kustos("apply", "--environment", "production");
            assertEquals(0, productionOnly.exit(), productionOnly.toString());
            assertTrue(productionOnly.out().contains("\nproduction: applied "), productionOnly.toString());
            assertFalse(productionOnly.out().contains("\nstaging:"), productionOnly.toString());
            assertEquals("2", value(client, production.namespace()));
            assertEquals("1", value(client, h.namespace()), "staging is left at A=1");
            assertEquals(1, records(client, h.namespace(), "staging").size());

            KustosRun both = h.kustos("apply", "-e", "staging,production");
            assertEquals(0, both.exit(), both.toString());
            assertTrue(both.out().contains("\nstaging: applied ") && both.out().contains("\nproduction: in sync, nothing to write"), both.toString());
            assertEquals("2", value(client, h.namespace()));

            h.config().commit("A=3 in staging, production broken", Map.of(STAGING, configMap("app-config", "A", "3"),
                    PRODUCTION, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  PORT: 8080\n"));
            KustosRun stagingDespiteProduction = h.kustos("apply", "-e", "staging");
            assertEquals(0, stagingDespiteProduction.exit(), "production's invalid file is not staging's exit code:\n" + stagingDespiteProduction);
            assertEquals("", stagingDespiteProduction.err(), stagingDespiteProduction.toString());
            assertEquals("3", value(client, h.namespace()));
            KustosRun all = h.kustos("apply");
            assertEquals(3, all.exit(), "without -e, production's invalid file counts:\n" + all);
            assertTrue(all.err().contains(PRODUCTION), all.toString());
            assertEquals("2", value(client, production.namespace()));
        }
    }

    private static String value(KubernetesClient client, String namespace) {
        return client.configMaps().inNamespace(namespace).withName("app-config").get().getData().get("A");
    }

    private static String template(KubernetesClient client, String namespace) {
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(
                client.apps().deployments().inNamespace(namespace).withName("app").get().getSpec().getTemplate());
    }

    private static List<Long> records(KubernetesClient client, SecondEnvironment e) {
        return records(client, e.namespace(), e.environment());
    }

    private static List<Long> records(KubernetesClient client, String namespace, String environment) {
        return new HistoryStore(client, namespace, environment, 50).load().records().stream().map(r -> r.number()).toList();
    }
}
