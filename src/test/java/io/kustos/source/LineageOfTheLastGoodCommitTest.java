package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an environment's last good commit stands to the head a source read
 * ({@link GitSource#lineage}), in a clone that saw it and in a new one: an ancestor, still on the
 * branch but newer (pushed after the poll: the clone fetches to tell), rewritten away in the clone,
 * or gone from a complete fetch of the branch (asked once: remembered).
 */
class LineageOfTheLastGoodCommitTest {
    @TempDir
    Path tmp;
    private TestRepo repo;
    private Revision first;
    private Revision second;

    @BeforeEach
    void twoCommits() {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
        first = new Revision("main", repo.head());
        second = new Revision("main", repo.commit("second", Map.of("a.yaml", "a: 2\n")));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private GitSource source(String cache) {
        return new GitSource("config", new SourceSpec(repo.fileUrl(), "main", GitAuth.NONE, null, null, true), tmp.resolve(cache));
    }

    @Test
    void anEarlierCommitOfTheBranchIsAnAncestor() {
        var source = source("cache");
        var head = source.poll().revision();
        assertEquals(Lineage.ANCESTOR, source.lineage(first, head));
    }

    @Test
    void aCommitPushedAfterThePollIsNewerOnTheBranch() {
        var source = source("cache");
        var head = source.poll().revision();
        var third = new Revision("main", repo.commit("third", Map.of("a.yaml", "a: 3\n")));
        assertEquals(Lineage.NEWER_ON_BRANCH, source.lineage(third, head), "not in the clone yet: fetched to tell");
        assertEquals(Lineage.NEWER_ON_BRANCH, source.lineage(third, head), "in the clone now");
    }

    @Test
    void aCommitRewrittenAwayIsRewrittenInTheCloneThatSawItAndGoneFromANewOne() {
        var old = source("old-cache");
        old.poll();
        var rewritten = new Revision("main", repo.forcePush(first.sha(), "rewritten"));
        assertEquals(rewritten, old.poll().revision(), "followed: allowForcePush");
        assertEquals(Lineage.REWRITTEN, old.lineage(second, rewritten));

        var fresh = source("new-cache");
        assertEquals(rewritten, fresh.poll().revision());
        long fetches = fresh.stats().fetchCount();
        assertEquals(Lineage.GONE, fresh.lineage(second, rewritten));
        assertEquals(fetches + 1, fresh.stats().fetchCount(), "a complete fetch of the branch, to be sure");
        assertEquals(Lineage.GONE, fresh.lineage(second, rewritten));
        assertEquals(fetches + 1, fresh.stats().fetchCount(), "remembered");
        assertEquals(Lineage.ANCESTOR, fresh.lineage(first, rewritten));
    }
}
