package io.kustos.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Three commits, then `kustos rollback --to 1 --no-push`: its printed push commands, run with real
 * git, put revert commits in both repos, and the next reconcile restores the cluster to the first
 * revision; then a pushed `kustos rollback --to 2` leaves no work clone behind (nor the earlier
 * ones). The history (read by a new process each time) shows all of it.
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
            List<String> pushCommands = local.out().lines().map(String::strip).filter(l -> l.startsWith("git -C ")).toList();
            assertEquals(2, pushCommands.size(), "a push command per repo:\n" + local);
            assertTrue(local.out().contains("to discard: rm -rf "), local.toString());
            for (String command : pushCommands) {
                runGit(h, tmp, command);
            }
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

            var rollback = h.kustos("rollback", "--to", "2");
            assertEquals(0, rollback.exit(), rollback.toString());
            assertTrue(rollback.out().contains("config: pushed "), rollback.toString());
            assertTrue(rollback.out().contains("releases: environments/staging/release.yaml is already as at revision 2"), rollback.toString());
            assertFalse(rollback.out().contains("git -C "), rollback.toString());
            try (Git git = Git.open(h.config().bareDir().toFile())) {
                var log = git.log().setMaxCount(1).call().iterator().next();
                assertTrue(log.getFullMessage().startsWith("Roll back staging to revision 2\n"), log.getFullMessage());
            }
            try (var cache = Files.list(tmp.resolve("cache"))) {
                List<String> left = cache.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("rollback-")).toList();
                assertEquals(List.of(), left, "no rollback work clone is left, neither the pushed one nor the earlier --no-push ones");
            }

            assertEquals(0, h.kustos("apply").exit());
            assertEquals("2", client.configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));

            JsonNode after = history(h);
            assertEquals(List.of(5L, 4L, 3L, 2L, 1L), numbers(after));
            assertTrue(after.get(1).get("configCommit").get("subject").asText().startsWith("Roll back staging to revision 1"));
            assertTrue(after.get(0).get("configCommit").get("subject").asText().startsWith("Roll back staging to revision 2"));
            var table = h.kustos("history");
            assertTrue(table.out().contains("Roll back staging to revision 1"), table.toString());
        }
    }

    /** Runs a printed {@code git -C DIR push ...} line with real git, the harness's credentials given by a helper. */
    private static void runGit(KustosHarness h, Path tmp, String command) throws Exception {
        var args = new ArrayList<>(List.of(command.split(" ")));
        assertEquals("git", args.get(0), command);
        var builder = new ProcessBuilder(args).redirectErrorStream(true);
        String password = Files.readString(tmp.resolve("git-password")).strip();
        builder.environment().putAll(Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_COUNT", "2",
                "GIT_CONFIG_KEY_0", "credential.helper", "GIT_CONFIG_VALUE_0", "",
                "GIT_CONFIG_KEY_1", "credential.helper",
                "GIT_CONFIG_VALUE_1", "!f() { echo username=" + KustosHarness.USER + "; echo password=" + password + "; }; f"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command);
        assertEquals(0, p.exitValue(), command + ":\n" + out);
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
