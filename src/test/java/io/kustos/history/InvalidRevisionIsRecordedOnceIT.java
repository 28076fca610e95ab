package io.kustos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A commit that does not render (an unquoted number in a ConfigMap) is refused with exit 3 and
 * recorded once: a {@code failed} record with both commits and the error in {@code kustos history},
 * one Warning Event on kustos-history, and no record more when it is applied again. The fixing
 * commit then applies.
 */
class InvalidRevisionIsRecordedOnceIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anInvalidCommitIsInTheHistoryOnce(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "PORT", "80")))) {
            assertEquals(0, h.kustos("apply").exit());

            h.config().commit("listen on 8080", Map.of(FILE,
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  PORT: 8080\n"));
            var run = h.kustos("apply");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.all().contains(FILE), run.toString());
            assertEquals(0, run.writes(), run.toString());

            JsonNode records = history(h);
            assertEquals(2, records.size(), records.toString());
            JsonNode failed = records.get(0);
            assertEquals("failed", failed.get("outcome").asText(), failed.toString());
            assertEquals("listen on 8080", failed.get("configCommit").get("subject").asText(), failed.toString());
            assertTrue(failed.get("configCommit").get("author").asText().length() > 0, failed.toString());
            assertTrue(failed.get("releasesCommit").get("sha").asText().length() > 0, failed.toString());
            assertTrue(failed.get("message").asText().contains(FILE), failed.toString());
            assertEquals(0, failed.get("objects").size(), failed.toString());
            assertEquals(1, warnings(h), "one Warning Event for the invalid revision");
            var table = h.kustos("history");
            assertTrue(table.out().contains("failed") && table.out().contains("listen on 8080")
                    && table.out().contains("    config:" + FILE), "the table shows the failed revision and its error:\n" + table);
            assertEquals("80", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("PORT"));

            var again = h.kustos("apply");
            assertEquals(3, again.exit(), again.toString());
            assertEquals(0, again.records(), again.toString());
            assertEquals(2, history(h).size(), "applying the same invalid revision again adds no record");
            assertEquals(1, warnings(h), "nor an Event");

            h.config().commit("quote the port", Map.of(FILE, configMap("app-config", "PORT", "8080")));
            var fixed = h.kustos("apply");
            assertEquals(0, fixed.exit(), fixed.toString());
            assertEquals("applied", history(h).get(0).get("outcome").asText());
            assertEquals("8080", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("PORT"));
        }
    }

    private static JsonNode history(KustosHarness h) throws Exception {
        var run = h.kustos("history", "-o", "json");
        assertEquals(0, run.exit(), run.toString());
        return JSON.readTree(run.out());
    }

    private static long warnings(KustosHarness h) {
        return h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && "InvalidRevision".equals(e.getReason()))
                .peek(e -> assertTrue(e.getMessage().contains(FILE), e.getMessage()))
                .count();
    }
}
