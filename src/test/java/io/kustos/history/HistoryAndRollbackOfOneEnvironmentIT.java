package io.kustos.history;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `kustos history -e` lists the selected environments' records (repeated or comma-separated
 * names); `kustos rollback` and `kustos resume` act on exactly one environment: several names,
 * or none while kustos.yaml has several targets, are exit 3 saying so; an emergency rollback of
 * staging leaves production's objects and history as they were.
 */
class HistoryAndRollbackOfOneEnvironmentIT {
    private static final String STAGING = "environments/staging/app/config.yaml";
    private static final String PRODUCTION = "environments/production/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void historyListsAndRollbackChangesTheSelectedEnvironmentOnly(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of(STAGING, configMap("app-config", "A", "1"), PRODUCTION, configMap("app-config", "A", "1")));
             var production = SecondEnvironment.add(h, "production")) {
            assertEquals(0, h.kustos("apply").exit());
            h.config().commit("A=2 everywhere", Map.of(STAGING, configMap("app-config", "A", "2"), PRODUCTION, configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());

            assertEquals(List.of("production 2", "production 1"), history(h, "-e", "production"));
            assertEquals(List.of("staging 2", "staging 1"), history(h, "--environment", "staging"));
            assertEquals(4, history(h, "-e", "staging", "-e", "production").size());
            assertEquals(history(h, "-e", "staging", "-e", "production"), history(h, "-e", "production,staging"));
            assertEquals(4, history(h).size());
            KustosRun unknown = h.kustos("history", "-e", "prod");
            assertEquals(3, unknown.exit(), unknown.toString());
            assertTrue(unknown.err().contains("has no environment \"prod\" (it defines staging, production)"), unknown.toString());

            KustosRun none = h.kustos("rollback", "--emergency", "--to", "1");
            assertEquals(3, none.exit(), none.toString());
            assertTrue(none.err().contains("kustos rollback acts on one environment: name it with --environment ("
                    + h.kustosYaml() + " defines staging, production)"), none.toString());
            KustosRun several = h.kustos("rollback", "--emergency", "--to", "1", "-e", "staging,production");
            assertEquals(3, several.exit(), several.toString());
            assertTrue(several.err().contains("kustos rollback acts on one environment at a time, not \"staging\", \"production\""),
                    several.toString());
            assertEquals("2", value(h, h.namespace()), "nothing done");

            KustosRun rollback = h.kustos("rollback", "--emergency", "--to", "1", "-e", "staging");
            assertEquals(0, rollback.exit(), rollback.toString());
            assertEquals("1", value(h, h.namespace()));
            assertEquals("2", value(h, production.namespace()), "production is not rolled back");
            assertEquals(List.of("production 2", "production 1"), history(h, "-e", "production"), "nor recorded");
            assertEquals(List.of("staging 3", "staging 2", "staging 1"), history(h, "-e", "staging"));

            KustosRun resumeBoth = h.kustos("resume", "-e", "staging", "-e", "production");
            assertEquals(3, resumeBoth.exit(), resumeBoth.toString());
            assertTrue(resumeBoth.err().contains("kustos resume acts on one environment at a time"), resumeBoth.toString());
            KustosRun resume = h.kustos("resume", "-e", "staging");
            assertEquals(0, resume.exit(), resume.toString());
            assertEquals(List.of("production 2", "production 1"), history(h, "-e", "production"));
        }
    }

    /** {@code kustos history -o json} with {@code args}: "environment number" per record, newest first. */
    private static List<String> history(KustosHarness h, String... args) throws Exception {
        var all = new ArrayList<>(List.of("-o", "json"));
        all.addAll(List.of(args));
        KustosRun run = h.kustos("history", all.toArray(String[]::new));
        assertEquals(0, run.exit(), run.toString());
        var out = new ArrayList<String>();
        for (JsonNode r : new ObjectMapper().readTree(run.out())) {
            out.add(r.get("environment").asText() + " " + r.get("number").asText());
        }
        return out;
    }

    private static String value(KustosHarness h, String namespace) {
        return h.cluster().client().configMaps().inNamespace(namespace).withName("app-config").get().getData().get("A");
    }
}
