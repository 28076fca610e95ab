package io.kustos.source;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.RewrittenBranch;
import io.kustos.testsupport.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The config branch is force-pushed back under two applied revisions: {@code kustos apply}
 * refuses it (exit 3, naming the source, the branch and {@code allowForcePush}) and leaves the
 * cluster at the last good revision; {@code kustos rollback --to 2}, whose commit was rewritten
 * away, says so (exit 3) instead of JGit's "Missing unknown"; with
 * {@code sources.config.allowForcePush: true} the rewritten head is applied.
 */
class ForcePushedBranchIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aForcePushIsRefusedUntilAllowed(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            var branch = RewrittenBranch.afterTwoApplies(h, FILE);
            String second = branch.second();
            String rewritten = branch.rewritten();

            var refused = h.kustos("apply");
            assertEquals(3, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("source 'config' (" + h.git().url("config.git") + "): refused: branch main was force-pushed:"
                    + " its head moved from " + second + " to " + rewritten), refused.toString());
            assertTrue(refused.err().contains("set sources.config.allowForcePush: true"), refused.toString());
            assertEquals("2", appConfig(h), "the cluster keeps the last good revision");

            var rollback = h.kustos("rollback", "--to", "2");
            assertEquals(3, rollback.exit(), rollback.toString());
            assertTrue(rollback.err().contains("config: cannot roll back to this revision: commit " + second
                    + " is no longer on branch main: it was rewritten away (by a force push)"), rollback.toString());
            assertFalse(rollback.all().contains("Missing unknown"), rollback.toString());

            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml())
                    .replace("config:   { url:", "config:   { allowForcePush: true, url:"));
            var allowed = h.kustos("apply");
            assertEquals(0, allowed.exit(), allowed.toString());
            assertEquals("1", appConfig(h), "the rewritten head is applied");
        }
    }

    private static String appConfig(KustosHarness h) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A");
    }
}
