package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over file://: the first poll clones, an unchanged head costs no fetch, a new commit is fetched. */
class PollFetchesOnlyWhenHeadMovesTest {
    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 1\n"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void firstPollClonesThenUnchangedHeadIsNotFetched() throws Exception {
        var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));

        PollResult first = source.poll();
        assertTrue(first.fetched());
        assertTrue(first.changed());
        assertEquals("main@sha1:" + repo.head(), first.revision().toString());
        assertEquals("a: 1\n", text(first.snapshot(), "env/a.yaml"));
        assertEquals(1, source.stats().lsRemoteCount());
        assertEquals(1, source.stats().fetchCount());
        long bytesAfterClone = source.stats().bytesFetched();
        assertTrue(bytesAfterClone > 0);

        PollResult second = source.poll();
        assertFalse(second.fetched());
        assertFalse(second.changed());
        assertEquals(first.revision(), second.revision());
        assertEquals(2, source.stats().lsRemoteCount());
        assertEquals(1, source.stats().fetchCount());
        assertEquals(bytesAfterClone, source.stats().bytesFetched());
    }

    @Test
    void newCommitIsFetchedAndReportedChanged() throws Exception {
        var source = new GitSource("config", new SourceSpec(repo.fileUrl(), null, null), tmp.resolve("cache"));
        String firstSha = source.poll().revision().sha();

        String secondSha = repo.commit("change a\n\nwith a body", Map.of("env/a.yaml", "a: 2\n", "env/b.yaml", "b: 1\n"));
        PollResult result = source.poll();

        assertTrue(result.fetched());
        assertTrue(result.changed());
        assertEquals(secondSha, result.revision().sha());
        assertEquals("a: 2\n", text(result.snapshot(), "env/a.yaml"));
        assertEquals(2, result.snapshot().files("env/").size());
        assertEquals("change a", result.snapshot().head().subject());
        assertEquals(TestRepo.AUTHOR, result.snapshot().head().authorName());
        assertEquals(2, source.stats().fetchCount());

        // the older commit stays readable from the local clone (history, rollback)
        RepoSnapshot old = source.snapshot(firstSha);
        assertEquals("a: 1\n", text(old, "env/a.yaml"));
        assertEquals(1, old.files("").size());
    }

    @Test
    void plainPathWorksLikeFileUrl() throws Exception {
        var source = new GitSource("config", new SourceSpec(repo.bareDir().toString(), "main", null), tmp.resolve("cache"));
        assertEquals(repo.head(), source.poll().revision().sha());
        assertFalse(source.poll().fetched());
    }

    @Test
    void unknownCommitIsASourceException() throws Exception {
        var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
        source.poll();
        var e = assertThrows(SourceException.class,
                () -> source.snapshot("0123456789012345678901234567890123456789"));
        assertTrue(e.getMessage().contains("not in the local clone"), e.getMessage());
    }

    static String text(RepoSnapshot snapshot, String path) {
        RepoFile file = snapshot.files("").get(path);
        return new String(file.content(), StandardCharsets.UTF_8);
    }
}
