package io.kustos.source;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kustos apply} says about its git sources: a fetch that could not move the cache's
 * branch (a stale lock file) is exit 5, not "in sync" on the old commit, and the next apply has the
 * new commit; a wrong branch or repository path is exit 3 naming the source, the URL, the branch
 * and the setting to fix.
 */
class SourceProblemsApplyIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aStaleLockInTheCacheFailsTheApplyAndIsRepaired(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config");
            Path lock = clone(tmp.resolve("cache"), "config").resolve("refs/heads/main.lock");
            Files.writeString(lock, "");
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            String second = h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));

            var failed = h.kustos("apply");

            assertEquals(5, failed.exit(), failed.toString());
            assertTrue(failed.err().contains("source 'config' (" + h.git().url("config.git") + "): the fetch did not move"
                    + " refs/heads/main of the local clone to the remote head " + second), failed.toString());
            assertTrue(failed.err().contains("removed the stale lock file(s) refs/heads/main.lock"), failed.toString());
            assertFalse(failed.out().contains("in sync"), failed.toString());
            assertEquals("1", cm.get().getData().get("A"));
            assertFalse(Files.exists(lock));

            var repaired = h.kustos("apply");
            assertEquals(0, repaired.exit(), repaired.toString());
            assertEquals("2", cm.get().getData().get("A"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aWrongBranchOrRepositoryIsAConfigurationError(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            String yaml = Files.readString(h.kustosYaml());
            Files.writeString(h.kustosYaml(), yaml.replaceFirst("branch: main", "branch: mian"));

            var wrongBranch = h.kustos("apply");

            assertEquals(3, wrongBranch.exit(), wrongBranch.toString());
            assertTrue(wrongBranch.err().contains("source 'config' (" + h.git().url("config.git") + "): branch 'mian' not found (branches there: main);"
                    + " set sources.config.branch to a branch the repository has, or push branch 'mian'"), wrongBranch.toString());

            Files.writeString(h.kustosYaml(), yaml.replace("releases.git", "relases.git"));

            var wrongPath = h.kustos("apply");

            assertEquals(3, wrongPath.exit(), wrongPath.toString());
            assertTrue(wrongPath.err().contains("source 'releases' (" + h.git().url("relases.git") + "): repository not found;"
                    + " check the path in sources.releases.url"), wrongPath.toString());
            assertEquals(null, h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
        }
    }

    private static Path clone(Path cacheDir, String source) throws Exception {
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            return dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().startsWith(source + "-")).findFirst().orElseThrow();
        }
    }
}
