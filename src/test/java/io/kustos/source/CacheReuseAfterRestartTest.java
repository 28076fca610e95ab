package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted process finds its clone in the cache directory and fetches nothing it already has. */
class CacheReuseAfterRestartTest {
    @TempDir
    Path tmp;

    @Test
    void newInstanceOnTheSameCacheDirReusesTheClone() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var spec = new SourceSpec(repo.fileUrl(), "main", null);
            var before = new GitSource("config", spec, tmp.resolve("cache"));
            before.poll();

            var afterRestart = new GitSource("config", spec, tmp.resolve("cache"));
            PollResult first = afterRestart.poll();

            assertEquals(before.repositoryDir(), afterRestart.repositoryDir());
            assertFalse(first.fetched(), "the head is already in the cache");
            assertTrue(first.changed(), "a new process has no previous head");
            assertEquals(repo.head(), first.revision().sha());
            assertEquals(0, afterRestart.stats().fetchCount());

            String next = repo.commit("second", Map.of("a.yaml", "a: 2\n"));
            PollResult moved = afterRestart.poll();
            assertTrue(moved.fetched());
            assertEquals(next, moved.revision().sha());
        }
    }

    @Test
    void otherBranchOrUrlGetsItsOwnDirectory() {
        Path cache = tmp.resolve("cache");
        var main = new GitSource("config", new SourceSpec("https://git.example.com/c.git", "main", null), cache);
        var next = new GitSource("config", new SourceSpec("https://git.example.com/c.git", "next", null), cache);
        var other = new GitSource("config", new SourceSpec("https://git.example.com/d.git", "main", null), cache);

        assertNotEquals(main.repositoryDir(), next.repositoryDir());
        assertNotEquals(main.repositoryDir(), other.repositoryDir());
        assertEquals(cache, main.repositoryDir().getParent());
        assertTrue(main.repositoryDir().getFileName().toString().matches("config-[0-9a-f]{12}"));
    }

    @Test
    void brokenCacheDirectoryIsReplacedByAFreshClone() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            Files.createDirectories(source.repositoryDir());
            Files.writeString(source.repositoryDir().resolve("junk"), "not a repository");

            PollResult result = source.poll();

            assertTrue(result.fetched());
            assertEquals(repo.head(), result.revision().sha());
            assertFalse(Files.exists(source.repositoryDir().resolve("junk")));
        }
    }
}
