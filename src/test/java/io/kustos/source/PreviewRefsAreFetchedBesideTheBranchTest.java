package io.kustos.source;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos preview} fetches a branch, a pull or merge request head, or a sha only such a head
 * holds, into the source's clone without moving the followed branch; a ref the remote lacks is a
 * configuration error (exit 3) naming it and what to give.
 */
class PreviewRefsAreFetchedBesideTheBranchTest {
    @TempDir
    Path tmp;

    private static String file(RepoSnapshot snapshot, String path) {
        return new String(snapshot.files("").get(path).content(), StandardCharsets.UTF_8);
    }

    private static String cachedMain(GitSource source) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(source.repositoryDir().toFile()).setMustExist(true).build()) {
            return repo.exactRef("refs/heads/main").getObjectId().name();
        }
    }

    @Test
    void aBranchARequestHeadAndAShaOnlyARequestHolds() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            String main = source.poll().snapshot().revision().sha();
            String feature = PullRequestRefs.push(repo, "refs/heads/feature", "a: 2", Map.of("a.yaml", "a: 2\n"));
            String pull = PullRequestRefs.push(repo, "refs/pull/1/head", "a: 3", Map.of("a.yaml", "a: 3\n"));
            String merge = PullRequestRefs.push(repo, "refs/merge-requests/4/head", "a: 4", Map.of("a.yaml", "a: 4\n"));

            var branch = source.fetch(new PreviewRef("feature"));
            assertEquals(new Revision("feature", feature), branch.revision());
            assertEquals("a: 2\n", file(branch, "a.yaml"));
            var request = source.fetch(new PreviewRef("refs/pull/1/head"));
            assertEquals(new Revision("refs/pull/1/head", pull), request.revision());
            assertEquals("a: 3\n", file(request, "a.yaml"));
            var bySha = source.fetch(new PreviewRef(merge));
            assertEquals(new Revision(merge, merge), bySha.revision());
            assertEquals("a: 4\n", file(bySha, "a.yaml"));

            assertEquals(main, cachedMain(source), "the followed branch did not move");
            var again = source.poll();
            assertEquals(main, again.snapshot().revision().sha());
            assertFalse(again.changed(), "a poll after a preview finds the same head");
        }
    }

    /**
     * A pull request's head forked from the branch, which moved on since: it forked from their merge
     * base, not from the branch head (the branch's later commit is not the pull request's); a head
     * on the branch forked from itself.
     */
    @Test
    void aHeadForkedFromItsMergeBaseWithTheBranch() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n", "k.yaml", "k: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            String forkedAt = repo.head();
            String pull = PullRequestRefs.push(repo, "refs/pull/1/head", "a: 2", Map.of("a.yaml", "a: 2\n"));
            String later = repo.commit("k: 9", Map.of("k.yaml", "k: 9\n"));

            var head = source.fetch(new PreviewRef(pull));
            var forkPoint = source.forkPoint(head);
            assertEquals(new Revision("main", forkedAt), forkPoint.revision());
            assertEquals("k: 1\n", file(forkPoint, "k.yaml"), "the branch's later k: 9 is not the pull request's");
            assertEquals(new Revision("main", later), source.forkPoint(source.fetch(new PreviewRef("main"))).revision());
        }
    }

    @Test
    void aRefTheRemoteLacksIsNamed() {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));

            var name = assertThrows(SourceConfigException.class, () -> source.fetch(new PreviewRef("refs/pull/9/head")));
            assertEquals("source 'config' (" + repo.fileUrl() + "): no ref 'refs/pull/9/head' (tried refs/pull/9/head); give a branch, "
                    + "a full commit sha, refs/pull/N/head or refs/merge-requests/N/head", name.getMessage());
            assertEquals(3, io.kustos.cli.ExitCodes.of(name));

            String sha = "0123456789abcdef0123456789abcdef01234567";
            var missing = assertThrows(SourceConfigException.class, () -> source.fetch(new PreviewRef(sha)));
            assertTrue(missing.getMessage().contains("commit " + sha + " is on no branch, pull request or merge request head"), missing.getMessage());
        }
    }
}
