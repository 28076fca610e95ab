package io.kustos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.eclipse.jgit.api.Git;
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
 * Three commits, then `kustos rollback --to` the first: revert commits appear in git log of both
 * repos, the next reconcile restores the cluster to the first revision, and the history (read by
 * a new process each time) shows all of it.
 */
class RollbackByRevertIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void rollingBackWritesRevertsThatTheNextReconcileApplies(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            h.releases().commit("app 1.1.0", Map.of("environments/staging/release.yaml", KustosHarness.release("registry.example.com/app:1.1.0")));
            h.config().commit("A=3", Map.of(FILE, configMap("app-config", "A", "3"), "environments/staging/app/extra.yaml", configMap("extra", "X", "1")));
            assertEquals(0, h.kustos("apply").exit());

            JsonNode history = history(h);
            assertEquals(List.of(3L, 2L, 1L), numbers(history));
            assertEquals("applied", history.get(2).get("outcome").asText());
            assertFalse(history.toString().contains("\"A\":\"1\""), "history holds fingerprints, not values");

            String headBefore = h.config().head();
            var local = h.kustos("rollback", "--to", "1", "--no-push");
            assertEquals(0, local.exit(), local.toString());
            assertTrue(local.out().contains("config: committed (not pushed) "), local.toString());
            assertTrue(local.out().contains("undoes "), local.toString());
            try (Git git = Git.open(h.config().bareDir().toFile())) {
                assertEquals(headBefore, git.getRepository().resolve("refs/heads/main").name(), "--no-push leaves the remote alone");
            }

            var rollback = h.kustos("rollback", "--to", "1");
            assertEquals(0, rollback.exit(), rollback.toString());
            assertTrue(rollback.out().contains("config: pushed "), rollback.toString());
            assertTrue(rollback.out().contains("releases: pushed "), rollback.toString());
            for (var repo : List.of(h.config(), h.releases())) {
                try (Git git = Git.open(repo.bareDir().toFile())) {
                    var log = git.log().setMaxCount(1).call().iterator().next();
                    assertTrue(log.getFullMessage().startsWith("Roll back staging to revision 1\n"), log.getFullMessage());
                }
            }

            var apply = h.kustos("apply");
            assertEquals(0, apply.exit(), apply.toString());
            var client = h.cluster().client();
            assertEquals("1", client.configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));
            assertNull(client.configMaps().inNamespace(h.namespace()).withName("extra").get(), "added after revision 1: pruned");
            assertEquals("registry.example.com/app:1.0.0", client.apps().deployments().inNamespace(h.namespace()).withName("app").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage());

            JsonNode after = history(h);
            assertEquals(List.of(4L, 3L, 2L, 1L), numbers(after));
            assertTrue(after.get(0).get("configCommit").get("subject").asText().startsWith("Roll back staging to revision 1"));
            var table = h.kustos("history");
            assertTrue(table.out().contains("Roll back staging to revision 1"), table.toString());
        }
    }

    private static JsonNode history(KustosHarness h) throws Exception {
        var run = h.kustos("history", "--output", "json");
        assertEquals(0, run.exit(), run.toString());
        return new ObjectMapper().readTree(run.out());
    }

    private static List<Long> numbers(JsonNode records) {
        var out = new ArrayList<Long>();
        records.forEach(r -> out.add(r.get("number").asLong()));
        return out;
    }
}
