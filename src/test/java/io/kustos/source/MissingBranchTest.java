package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch the remote does not have is a configuration error (exit 3, not "try again") naming the
 * source, the URL, the branch and what to do.
 */
class MissingBranchTest {
    @TempDir
    Path tmp;

    @Test
    void missingBranchIsNamed() {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "production", null), tmp.resolve("cache"));

            var e = assertThrows(SourceConfigException.class, source::poll);

            assertEquals("source 'config' (" + repo.fileUrl() + "): branch 'production' not found (branches there: main); set sources.config.branch"
                    + " to a branch the repository has, or push branch 'production'", e.getMessage());
            assertEquals(3, io.kustos.cli.ExitCodes.of(e));
            assertEquals(0, source.stats().fetchCount());
            assertEquals(1, source.stats().lsRemoteCount());
        }
    }

    @Test
    void aRepositoryPathThatDoesNotExistIsAConfigurationError() {
        String url = tmp.resolve("repos").resolve("no-such-repo.git").toUri().toString();
        var source = new GitSource("releases", new SourceSpec(url, "main", null), tmp.resolve("cache"));

        var e = assertThrows(SourceConfigException.class, source::poll);

        assertEquals("source 'releases' (" + url + "): repository not found; check the path in sources.releases.url"
                + " (and, for a private repository, that the credentials may read it)", e.getMessage());
        assertEquals(3, io.kustos.cli.ExitCodes.of(e));
    }

    @Test
    void branchThatAppearsLaterIsPickedUp() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "next", null), tmp.resolve("cache"));
            assertThrows(SourceConfigException.class, source::poll);

            try (var git = Git.open(repo.bareDir().toFile())) {
                git.branchCreate().setName("next").setStartPoint(repo.head()).call();
            }

            PollResult result = source.poll();
            assertTrue(result.fetched());
            assertEquals("next@sha1:" + repo.head(), result.revision().toString());
        }
    }
}
