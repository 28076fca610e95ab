package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.kustos.cli.ExitCodes;
import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import io.kustos.failure.FailureReason;
import io.kustos.testsupport.LogCapture;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A branch whose new head does not descend from the last one fetched (a force push) is refused
 * by default: exit 3, the message names the source, the branch, both heads and the two ways out;
 * the local clone stays at the last good head, polling again refuses it again without fetching,
 * and a new commit on top of the old history is followed again. With {@code allowForcePush} it is
 * followed, with a WARN, and the poll says so.
 */
class ForcePushedBranchTest {
    @TempDir
    Path tmp;
    private TestRepo repo;
    private String first;
    private String second;

    @BeforeEach
    void twoCommits() {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
        first = repo.head();
        second = repo.commit("second", Map.of("a.yaml", "a: 2\n"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    /** A source that has fetched the second commit. */
    private GitSource polledSource(boolean allowForcePush) {
        var source = new GitSource("config", spec(allowForcePush), tmp.resolve("cache"));
        assertEquals(second, source.poll().revision().sha());
        return source;
    }

    private SourceSpec spec(boolean allowForcePush) {
        return new SourceSpec(repo.fileUrl(), "main", GitAuth.NONE, null, null, allowForcePush);
    }

    @Test
    void aForcePushedHeadIsRefusedAndTheLastHeadKept() throws Exception {
        var source = polledSource(false);
        String rewritten = repo.forcePush(first, "rewritten");

        var e = assertThrows(ForcePushRefusedException.class, source::poll);

        assertEquals("source 'config' (" + repo.fileUrl() + "): refused: branch main was force-pushed: its head moved from "
                + second + " to " + rewritten + ", which does not descend from it; nothing of it is applied and the cluster"
                + " keeps the last good state. Push the old history back (git push --force <remote> " + second
                + ":refs/heads/main, or push a commit that descends from " + second + "), or, if the rewrite is meant,"
                + " set sources.config.allowForcePush: true", e.getMessage());
        assertEquals(FailureReason.REWRITTEN_HISTORY, e.reason());
        assertEquals(3, ExitCodes.of(e));
        assertEquals(new ForcePush("main", second, rewritten), e.forcePush());
        long fetches = source.stats().fetchCount();
        assertThrows(ForcePushRefusedException.class, source::poll, "refused again");
        assertEquals(fetches, source.stats().fetchCount(), "without fetching again");
        var restarted = new GitSource("config", spec(false), tmp.resolve("cache"));
        assertThrows(ForcePushRefusedException.class, restarted::poll, "refused after a restart too");
        try (CommitHistory history = restarted.history()) {
            assertEquals(second, history.head().sha(), "the local clone stays at the last good head");
        }
    }

    @Test
    void theOldHistoryPushedBackIsFollowedAgain() {
        var source = polledSource(false);
        repo.forcePush(first, "rewritten");
        assertThrows(ForcePushRefusedException.class, source::poll);

        String fixed = repo.forcePush(second, "on top of the old history");

        PollResult poll = source.poll();
        assertEquals(fixed, poll.revision().sha());
        assertTrue(poll.changed());
        assertNull(poll.forcePush());
    }

    @Test
    void allowForcePushFollowsTheRewrittenHeadWithAWarning() {
        var source = polledSource(true);
        String rewritten = repo.forcePush(first, "rewritten");

        PollResult poll;
        try (var log = LogCapture.atLevel(Level.INFO)) {
            poll = source.poll();
            assertTrue(log.events().stream().anyMatch(ev -> ev.getLevel() == Level.WARN
                    && ev.getFormattedMessage().equals("source 'config': branch main was force-pushed: its head moved from "
                    + second + " to " + rewritten + ", which does not descend from it; followed it (sources.config.allowForcePush is true)")),
                    "logged as a WARN");
        }
        assertEquals(rewritten, poll.revision().sha());
        assertEquals(new ForcePush("main", second, rewritten), poll.forcePush());
        PollResult again = source.poll();
        assertFalse(again.changed());
        assertNull(again.forcePush());
    }
}
