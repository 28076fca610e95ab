package io.kustos.source;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15, found by the soak: more than 50 fetches within an hour made JGit repack the whole local
 * clone after every fetch and keep each replaced pack for an hour (540 packs and 120 MB after 500
 * commits, 8 s per fetch). The replaced packs are now deleted at once: the clone holds at most
 * JGit's 50 packs plus the one its repack writes.
 */
class CacheClonePacksStayBoundedTest {
    @TempDir
    Path tmp;

    @Test
    void seventyFetchesLeaveAtMostFiftyOnePacks() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 0\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            source.poll();
            for (int i = 1; i <= 70; i++) {
                String sha = repo.commit("change " + i, Map.of("env/a.yaml", "a: " + i + "\n"));
                assertEquals(sha, source.poll().revision().sha());
            }
            // the repack runs in the background after a fetch (JGit's gc.autoDetach)
            await().atMost(Duration.ofSeconds(60)).until(() -> packs(tmp.resolve("cache")) <= 51);
        }
    }

    private static long packs(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".pack") && p.getParent().endsWith("objects/pack")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
