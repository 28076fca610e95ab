package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.failure.TransientException;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch that does not move the local branch (a lock file a killed git left in the cache clone,
 * a broken clone) fails the poll loudly instead of serving the old commit as in sync, and repairs
 * the clone: the next poll has the new commit.
 */
class StaleCacheIsRepairedTest {
    @TempDir
    Path tmp;
    TestRepo repo;
    GitSource source;

    @BeforeEach
    void setUp() {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
        source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"), Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void aStaleBranchLockFailsThePollAndIsRemoved() throws Exception {
        String first = source.poll().revision().sha();
        Path lock = lockFile("refs/heads/main.lock", Instant.now().minus(Duration.ofHours(1)));
        String second = repo.commit("second", Map.of("a.yaml", "a: 2\n"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e instanceof TransientException, "exit 5: try again");
        assertEquals("source 'config' (" + repo.fileUrl() + "): the fetch did not move refs/heads/main of the local clone"
                + " to the remote head " + second + "; it is at " + first + " (ref update: LOCK_FAILURE); removed the stale"
                + " lock file(s) refs/heads/main.lock in " + source.repositoryDir(), e.getMessage());
        assertFalse(Files.exists(lock));

        PollResult repaired = source.poll();
        assertEquals(second, repaired.revision().sha());
        assertTrue(repaired.fetched());
        assertTrue(repaired.changed());
    }

    @Test
    void aYoungLockMayBelongToARunningGitAndStays() throws Exception {
        source.poll();
        Path lock = lockFile("refs/heads/main.lock", Instant.now());
        repo.commit("second", Map.of("a.yaml", "a: 2\n"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("left the lock file(s) refs/heads/main.lock in " + source.repositoryDir()
                + " (younger than 30s: a git may still be writing; removed once older)"), e.getMessage());
        assertTrue(Files.exists(lock));
    }

    @Test
    void aCloneWhoseBranchCannotBeWrittenIsClonedAfresh() throws Exception {
        source.poll();
        // not a lock file that can be removed: a directory in its place, so the branch cannot be written
        Files.createDirectories(source.repositoryDir().resolve("refs/heads/main.lock/x"));
        String second = repo.commit("second", Map.of("a.yaml", "a: 2\n"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("; deleted the clone " + source.repositoryDir() + "; the next poll clones it afresh"),
                e.getMessage());
        assertEquals(second, source.poll().revision().sha());
    }

    @Test
    void aCloneThatCannotBeReadIsClonedAfresh() throws Exception {
        source.poll();
        try (var packs = Files.newDirectoryStream(source.repositoryDir().resolve("objects/pack"), "*.pack")) {
            for (Path pack : packs) {
                Files.write(pack, new byte[] {'P', 'A', 'C', 'K'}); // truncated: its index still lists every object
            }
        }
        var restarted = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));

        var e = assertThrows(SourceException.class, restarted::poll);

        assertTrue(e.getMessage().startsWith("source 'config' (" + repo.fileUrl() + "): cannot use the local clone "
                + source.repositoryDir() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; deleted the clone " + source.repositoryDir() + "; the next poll clones it afresh"),
                e.getMessage());
        assertEquals(repo.head(), restarted.poll().revision().sha());
    }

    private Path lockFile(String name, Instant modified) throws Exception {
        Path lock = source.repositoryDir().resolve(name);
        Files.writeString(lock, "");
        Files.setLastModifiedTime(lock, FileTime.from(modified));
        return lock;
    }
}
