package io.kustos.reconcile;

import io.kustos.history.HistoryRecord;
import io.kustos.history.HistoryStore;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.RewrittenBranch;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A force push is judged against what the cluster recorded, not only against the local clone: the
 * config branch is rewritten under the environment's last good revision, and a Kustos with a new
 * cache dir (a restarted pod with an emptyDir cache, another machine) — {@code kustos diff},
 * {@code kustos apply} and the daemon — refuses it (exit 3, naming the source, the branch, both
 * commits and {@code allowForcePush}), writes nothing and keeps the history as it was; with
 * {@code allowForcePush: true} it is applied and the record names the force push.
 */
class ForcePushSeenFromTheClusterIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aFreshCacheRefusesAHeadThatRewroteTheLastGoodRevision(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            var branch = RewrittenBranch.afterTwoApplies(h, FILE);
            String second = branch.second();
            String rewritten = branch.rewritten();
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            var before = store.load();
            String refusal = "source 'config' (" + h.git().url("config.git") + "): refused: branch main was force-pushed: its head moved from "
                    + second;

            useCache(h, "fresh-for-diff", false);
            var diff = h.kustos("diff");
            assertEquals(3, diff.exit(), diff.toString());
            assertTrue(diff.err().contains(refusal) && diff.err().contains(rewritten), diff.toString());

            useCache(h, "fresh-for-apply", false);
            var apply = h.kustos("apply");
            assertEquals(3, apply.exit(), apply.toString());
            assertTrue(apply.err().contains(refusal) && apply.err().contains(rewritten), apply.toString());
            assertTrue(apply.err().contains("set sources.config.allowForcePush: true"), apply.toString());
            assertUnchanged(h, store, before);

            useCache(h, "fresh-for-the-daemon", false);
            try (var daemon = KustosProcess.start(h, tmp.resolve("daemon"), "daemon", null, "run")) {
                await("the daemon to refuse the rewritten head").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            assertTrue(daemon.isAlive(), daemon.printed());
                            return daemon.printed().contains(refusal);
                        });
                assertUnchanged(h, store, before);
            }

            useCache(h, "fresh-allowed", true);
            var allowed = h.kustos("apply");
            assertEquals(0, allowed.exit(), allowed.toString());
            assertEquals("1", appConfig(h), "the rewritten head is applied");
            HistoryRecord r = store.load().records().get(0);
            assertTrue(r.config().endsWith(rewritten), r.toString());
            assertEquals(List.of(new HistoryRecord.Rewrite("config", "main", second, rewritten)), r.forcePushes());
            var history = h.kustos("history");
            assertTrue(history.out().contains("followed a force push: config branch main force-pushed: " + second.substring(0, 7)
                    + " → " + rewritten.substring(0, 7)), history.toString());
        }
    }

    /** Points kustos.yaml at a new, empty cache dir; with {@code allow}, the config source follows force pushes. */
    private static void useCache(KustosHarness h, String dir, boolean allow) throws IOException {
        String yaml = Files.readString(h.kustosYaml()).replaceAll("(?m)^cacheDir: .*$", "cacheDir: " + dir);
        if (allow) {
            yaml = yaml.replace("config:   { url:", "config:   { allowForcePush: true, url:");
        }
        if (!yaml.contains("server:")) {
            yaml += "server: { port: 0, host: 127.0.0.1 }\n";
        }
        Files.writeString(h.kustosYaml(), yaml);
    }

    /** Nothing written: the cluster at the last good revision, the history and its state as they were. */
    private static void assertUnchanged(KustosHarness h, HistoryStore store, io.kustos.history.History before) {
        assertEquals("2", appConfig(h), "the cluster keeps the last good revision");
        var now = store.load();
        assertEquals(before.records(), now.records(), "no record added");
        assertEquals(before.state(), now.state(), "the last good revision stays");
    }

    private static String appConfig(KustosHarness h) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A");
    }
}
