package io.kustos.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, behaviour 1: each environment is rendered, validated, dry-run and applied on its own.
 * A malformed file under {@code environments/dev/}, a workload missing from production's cluster
 * or a dry run production's API server refuses stops that environment only: the others apply,
 * {@code kustos apply} exits with the worst outcome and prints each environment's, and each
 * environment's history records its own outcome.
 */
class OneEnvironmentFailsAloneIT {
    private static final List<String> ENVIRONMENTS = List.of("staging", "dev", "production");

    private static String config(String env) {
        return "environments/" + env + "/app/config.yaml";
    }

    /** Every environment with ConfigMap app-config {A: 1}, applied once, so that each stands at a good revision. */
    private static Environments threeEnvironmentsApplied(KustosHarness h) {
        var envs = new Environments(h);
        envs.add("dev", "");
        envs.add("production", "");
        var first = h.kustos("apply");
        assertEquals(0, first.exit(), "three valid environments apply:\n" + first);
        for (String env : ENVIRONMENTS) {
            assertEquals("1", envs.configValue(env, "app-config", "A"), env + " got the first revision:\n" + first);
        }
        return envs;
    }

    private static KustosHarness start(String clusterName, Path tmp) {
        var files = new HashMap<String, String>();
        ENVIRONMENTS.forEach(env -> files.put(config(env), configMap("app-config", "A", "1")));
        return KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files);
    }

    /** A commit that sets A to 2 in every environment, plus {@code extra} files. */
    private static Map<String, String> everyEnvironmentChanged(Map<String, String> extra) {
        var files = new HashMap<>(extra);
        ENVIRONMENTS.forEach(env -> files.put(config(env), configMap("app-config", "A", "2")));
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aMalformedFileInDevLeavesStagingAndProductionApplied(String clusterName, @TempDir Path tmp) {
        String broken = "environments/dev/app/broken.yaml";
        try (var h = start(clusterName, tmp); var envs = threeEnvironmentsApplied(h)) {
            String head = h.config().commit("A=2 everywhere, and a port dev's render refuses", everyEnvironmentChanged(Map.of(broken,
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ports\ndata:\n  PORT: 8080\n")));

            var run = h.kustos("apply");
            assertEquals(3, run.exit(), "the worst outcome is dev's invalid input (exit 3):\n" + run);
            assertTrue(run.all().contains("config:" + broken + ":6: data.PORT"), "the error names dev's file, line and key path:\n" + run);
            assertOutcome(run, "dev", "FAILED");
            assertOutcome(run, "staging", "applied");
            assertOutcome(run, "production", "applied");

            assertEquals("2", envs.configValue("staging", "app-config", "A"), "staging applied although dev is invalid:\n" + run);
            assertEquals("2", envs.configValue("production", "app-config", "A"), "production applied although dev is invalid:\n" + run);
            assertEquals("1", envs.configValue("dev", "app-config", "A"), "dev keeps its last good revision:\n" + run);

            assertNewest(envs, "dev", "failed", head, broken);
            assertNewest(envs, "staging", "applied", head, null);
            assertNewest(envs, "production", "applied", head, null);
        }
    }

    static Stream<Arguments> productionRefused() {
        var cases = List.of(
                Arguments.of("a workload missing from the cluster", 3, "releases", Environments.releasePath("production"),
                        Environments.release("production", Map.of("app", "registry.example.com/app:1.0.0", "gone", "registry.example.com/gone:1.0.0")),
                        "does not exist in the cluster"),
                Arguments.of("a dry run the API server refuses", 4, "config", "environments/production/app/big.yaml",
                        configMap("big", "BLOB", "x".repeat(1100 * 1024)), "server-side dry run was rejected by the API server as invalid"));
        return Stream.of("embedded", "realkube").flatMap(c -> cases.stream().map(a -> Arguments.of(c, a.get()[0], a.get()[1], a.get()[2],
                a.get()[3], a.get()[4], a.get()[5])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("productionRefused")
    void aRefusalInProductionLeavesStagingAndDevApplied(String clusterName, String what, int exit, String repo, String path, String content,
                                                         String expected, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = threeEnvironmentsApplied(h)) {
            String head = h.config().commit("A=2 everywhere", everyEnvironmentChanged(repo.equals("config") ? Map.of(path, content) : Map.of()));
            if (repo.equals("releases")) {
                h.releases().commit("production: " + what, Map.of(path, content));
            }

            var run = h.kustos("apply");
            assertEquals(exit, run.exit(), "the worst outcome is production's (" + what + "):\n" + cut(run));
            assertTrue(run.all().contains(repo + ":" + path), "the error names production's file:\n" + cut(run));
            assertTrue(run.all().contains(expected), "the error says what is wrong (" + expected + "):\n" + cut(run));
            assertOutcome(run, "production", "FAILED");
            assertOutcome(run, "staging", "applied");
            assertOutcome(run, "dev", "applied");

            assertEquals("2", envs.configValue("staging", "app-config", "A"), "staging applied although production was refused:\n" + cut(run));
            assertEquals("2", envs.configValue("dev", "app-config", "A"), "dev applied although production was refused:\n" + cut(run));
            assertEquals("1", envs.configValue("production", "app-config", "A"), "nothing of the revision written to production:\n" + cut(run));
            assertNull(envs.configValue("production", "big", "BLOB"), "nothing of the revision written to production:\n" + cut(run));

            assertNewest(envs, "staging", "applied", head, null);
            assertNewest(envs, "dev", "applied", head, null);
            assertNewest(envs, "production", "failed", head, path); // refused before any write, recorded there only
        }
    }

    /** The report prints a line {@code <env>: <outcome>…} for each environment. */
    private static void assertOutcome(KustosRun run, String env, String outcome) {
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(env + ": " + outcome)),
                "kustos apply prints " + env + "'s own outcome (" + env + ": " + outcome + "…):\n" + cut(run));
    }

    /** {@code env}'s newest history record is {@code outcome} at config commit {@code head}, its message naming {@code file} (if given). */
    private static void assertNewest(Environments envs, String env, String outcome, String head, String file) {
        List<JsonNode> records = envs.history(env);
        assertFalse(records.isEmpty(), env + " has no history");
        JsonNode newest = records.get(0);
        assertEquals(outcome, newest.path("outcome").asText(), env + "'s history records its own outcome: " + records);
        assertTrue(newest.path("config").asText().contains(head), env + "'s newest record is the new revision " + head + ": " + newest);
        if (file != null) {
            assertTrue(newest.path("message").asText().contains(file), env + "'s record names the file: " + newest);
        }
    }

    /** The run, without the megabyte a refused ConfigMap may bring into the error. */
    private static String cut(KustosRun run) {
        String s = run.toString();
        return s.length() > 6000 ? s.substring(0, 6000) + "…" : s;
    }
}
