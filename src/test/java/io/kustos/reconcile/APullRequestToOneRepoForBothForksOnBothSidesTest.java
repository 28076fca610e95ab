package io.kustos.reconcile;

import io.kustos.source.PreviewRef;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One repo that is both the config and the release repo: a pull request's head is both revisions,
 * and both fork from its merge base with the branch (the branch's later commit is not the pull
 * request's), so what it changes is found on both sides: a config key and a workload's version.
 * A pull request to one repo of two forks on its side only.
 */
class APullRequestToOneRepoForBothForksOnBothSidesTest {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";

    @Test
    void bothRevisionsForkFromTheMergeBase(@TempDir Path tmp) {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of(CONFIG, "a: 1\n", RELEASE, "image: 1\n"))) {
            String forkedAt = repo.head();
            String pull = PullRequestRefs.push(repo, "refs/pull/1/head", "a: 2, image: 2", Map.of(CONFIG, "a: 2\n", RELEASE, "image: 2\n"));
            String later = repo.commit("a: 9, image: 9", Map.of(CONFIG, "a: 9\n", RELEASE, "image: 9\n"));
            var poller = new SourcePoller(TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl()));
            PreviewRef head = PreviewRef.commit(pull, "refs/pull/1/head");
            var heads = poller.preview(head, head);

            var both = poller.forkPoint(heads, true, true);
            assertEquals(forkedAt, both.config().revision().sha());
            assertEquals(forkedAt, both.releases().revision().sha());

            var configOnly = poller.forkPoint(heads, true, false);
            assertEquals(forkedAt, configOnly.config().revision().sha());
            assertEquals(pull, configOnly.releases().revision().sha(), "the other side stays at its revision");
            var releasesOnly = poller.forkPoint(poller.preview(head, new PreviewRef("main")), false, true);
            assertEquals(pull, releasesOnly.config().revision().sha());
            assertEquals(later, releasesOnly.releases().revision().sha(), "the branch's head forks from itself");
        }
    }
}
