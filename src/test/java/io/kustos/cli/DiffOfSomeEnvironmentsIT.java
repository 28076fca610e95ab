package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * `kustos diff -e ENV` compares the selected environments only: its diff, its report and its exit
 * code (0 for staging in sync while production differs); an unknown name is exit 3.
 */
class DiffOfSomeEnvironmentsIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void diffShowsAndCountsTheSelectedEnvironmentsOnly(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                        "environments/production/app/config.yaml", configMap("app-config", "A", "1")));
             var production = SecondEnvironment.add(h, "production")) {
            KustosRun json = h.kustos("diff", "-e", "production", "-o", "json");
            assertEquals(1, json.exit(), json.toString());
            JsonNode environments = new ObjectMapper().readTree(json.out()).get("environments");
            assertEquals(1, environments.size(), json.out());
            assertEquals("production", environments.at("/0/environment").asText(), json.out());
            assertEquals("differs", environments.at("/0/outcome").asText(), json.out());

            KustosRun text = h.kustos("diff", "--environment", "production");
            assertEquals(1, text.exit(), text.toString());
            List<String> headers = text.out().lines().filter(l -> l.startsWith("diff -u")).toList();
            assertFalse(headers.isEmpty(), text.toString());
            assertTrue(headers.stream().allMatch(l -> l.contains(production.namespace())), "production's objects only:\n" + text);

            assertEquals(0, h.kustos("apply", "-e", "staging").exit());
            KustosRun staging = h.kustos("diff", "-e", "staging");
            assertEquals(0, staging.exit(), "staging is in sync; production's differences are not its exit code:\n" + staging);
            assertEquals("", staging.out(), staging.toString());
            assertEquals(1, h.kustos("diff").exit(), "without -e production counts");
            KustosRun both = h.kustos("diff", "-e", "staging,production", "-o", "json");
            assertEquals(1, both.exit(), both.toString());
            assertEquals(2, new ObjectMapper().readTree(both.out()).get("environments").size(), both.out());

            KustosRun unknown = h.kustos("diff", "-e", "prod");
            assertEquals(3, unknown.exit(), unknown.toString());
            assertEquals("error: --environment: " + h.kustosYaml() + " has no environment \"prod\" (it defines staging, production)\n",
                    unknown.err(), unknown.toString());
        }
    }
}
