package io.kustos.source;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The refs a preview fetches into its clone do not pile up: a search for a sha keeps only that
 * commit; {@link GitSource#forget} drops what a preview kept (the CLI once it ends, the daemon a
 * head's commit once previewed and its pull request's head ref once it closes), so that git's
 * garbage collection drops a closed pull request's commits. The followed branch stays.
 */
class PreviewRefsAreDroppedWhenDoneTest {
    @TempDir
    Path tmp;

    private static Set<String> previewRefs(GitSource source) throws Exception {
        try (Repository repo = open(source)) {
            var names = new TreeSet<String>();
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(GitSource.PREVIEW_REFS)) {
                names.add(r.getName().substring(GitSource.PREVIEW_REFS.length()));
            }
            return names;
        }
    }

    private static Repository open(GitSource source) throws Exception {
        return new FileRepositoryBuilder().setGitDir(source.repositoryDir().toFile()).setMustExist(true).build();
    }

    @Test
    void aPullRequestsHeadStaysUntilItClosesThenItsCommitsCanBeCollected() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            String pull = PullRequestRefs.push(repo, "refs/pull/16/head", "a: rejected", Map.of("a.yaml", "a: rejected\n"));
            PullRequestRefs.push(repo, "refs/pull/17/head", "a: other", Map.of("a.yaml", "a: other\n"));
            PullRequestRefs.push(repo, "refs/heads/feature", "a: 2", Map.of("a.yaml", "a: 2\n"));

            source.fetch(PreviewRef.commit(pull, "refs/pull/16/head"));
            assertEquals(Set.of("commits/" + pull, "pull/16/head"), previewRefs(source), "only the pull request's head, not every head");
            source.forget(new PreviewRef(pull));
            assertEquals(Set.of("pull/16/head"), previewRefs(source), "the daemon keeps the head ref while the pull request is open");
            source.forkPoint(source.fetch(new PreviewRef("main")));
            source.forget(new PreviewRef("refs/pull/16/head"));
            assertEquals(Set.of("heads/main"), previewRefs(source), "closed: its ref is gone; the followed branch stays");
            source.forget(new PreviewRef("main"));
            assertEquals(Set.of("heads/main"), previewRefs(source));

            try (Repository clone = open(source)) {
                var gc = new org.eclipse.jgit.internal.storage.file.GC((org.eclipse.jgit.internal.storage.file.FileRepository) clone);
                // unreferenced objects written up to a minute from now count as expired: with an age of 0, an object file
                // whose time equals the gc's own reading (coarse file times) was kept, and the test failed once in CI
                gc.setExpire(java.time.Instant.now().plusSeconds(60));
                gc.setPackExpire(java.time.Instant.now().plusSeconds(60));
                gc.gc().get();
                assertFalse(clone.getObjectDatabase().has(ObjectId.fromString(pull)), "git gc dropped the closed pull request's commit");
            }
        }
    }

    @Test
    void aShaSearchedForKeepsOnlyItsCommitAndTheCliDropsWhatItFetched() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            String merge = PullRequestRefs.push(repo, "refs/merge-requests/4/head", "a: 4", Map.of("a.yaml", "a: 4\n"));
            PullRequestRefs.push(repo, "refs/pull/1/head", "a: 3", Map.of("a.yaml", "a: 3\n"));

            assertEquals("a: 4\n", new String(source.fetch(new PreviewRef(merge)).files("").get("a.yaml").content()));
            assertEquals(Set.of("commits/" + merge), previewRefs(source), "the search's refs are dropped");
            source.forget(new PreviewRef(merge));
            assertEquals(Set.of(), previewRefs(source));

            source.fetch(new PreviewRef("refs/pull/1/head"));
            assertEquals(Set.of("pull/1/head"), previewRefs(source));
            source.forget(new PreviewRef("refs/pull/1/head"));
            assertEquals(Set.of(), previewRefs(source));
        }
    }
}
