package io.kustos.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll scoped to one source (a webhook at {@code /hooks/<provider>/config}) asks only that remote: the other stays
 * at the revision its last poll read, told as unchanged, until a poll of both; sources of one repository are polled
 * together whatever the scope.
 */
class AWebhookNamingOneRepoPollsOnlyItTest {
    @TempDir
    Path tmp;

    @Test
    void aConfigPollLeavesTheReleasesAtTheirLastRevisionUntilBothArePolled() {
        try (TestRepo config = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
             TestRepo releases = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("r.yaml", "r: 1\n"))) {
            var poller = new SourcePoller(TestRepos.stagingConfig(tmp, config.fileUrl(), releases.fileUrl()));
            String releasesBefore = poller.poll(PollScope.CONFIG).releases().revision().sha(); // the first poll reads both
            assertEquals(releases.head(), releasesBefore);

            String configNext = config.commit("a: 2", Map.of("a.yaml", "a: 2\n"));
            releases.commit("r: 2", Map.of("r.yaml", "r: 2\n"));
            SourcePoller.Polled configOnly = poller.poll(PollScope.CONFIG);

            assertEquals(configNext, configOnly.config().revision().sha());
            assertTrue(configOnly.config().changed());
            assertEquals(releasesBefore, configOnly.releases().revision().sha(), "the release remote was not asked");
            assertFalse(configOnly.releases().changed());
            assertFalse(configOnly.releases().fetched());

            SourcePoller.Polled both = poller.poll(PollScope.BOTH);
            assertEquals(releases.head(), both.releases().revision().sha());
            assertTrue(both.releases().changed());
            assertFalse(both.config().changed());

            String releasesNext = releases.commit("r: 3", Map.of("r.yaml", "r: 3\n"));
            config.commit("a: 3", Map.of("a.yaml", "a: 3\n"));
            SourcePoller.Polled releasesOnly = poller.poll(PollScope.RELEASES);
            assertEquals(releasesNext, releasesOnly.releases().revision().sha());
            assertEquals(configNext, releasesOnly.config().revision().sha(), "the config remote was not asked");
            assertFalse(releasesOnly.config().changed());
        }
    }

    @Test
    void sourcesOfOneRepositoryArePolledTogether() {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of("a.yaml", "a: 1\n"))) {
            var poller = new SourcePoller(TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl()));
            poller.poll(PollScope.CONFIG);

            String next = repo.commit("a: 2", Map.of("a.yaml", "a: 2\n"));
            SourcePoller.Polled polled = poller.poll(PollScope.CONFIG);

            assertEquals(next, polled.config().revision().sha());
            assertEquals(next, polled.releases().revision().sha(), "one push webhook for both: the release side moved too");
            assertTrue(polled.releases().changed());
        }
    }
}
