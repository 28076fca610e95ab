package io.kustos.history;

import io.kustos.cli.ExitCodes;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.source.Revision;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A rollback to a revision whose commit a force push rewrote away names the commit and says it is
 * no longer on the branch (exit 3), instead of JGit's "Missing unknown", and leaves no work clone.
 */
class RollbackToARewrittenCommitTest {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";

    @Test
    void aCommitNoLongerOnTheBranchIsNamed(@TempDir Path tmp) throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of(CONFIG, "a: 1\n", RELEASE, "image: 1\n"))) {
            String first = repo.head();
            String second = repo.commit("second", Map.of(CONFIG, "a: 2\n", RELEASE, "image: 2\n"));
            repo.forcePush(first, "rewritten");
            var cfg = TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl());
            String revision = new Revision("main", second).toString();
            var to = new HistoryRecord(2, "staging", revision, revision, null, null, null, 0, io.kustos.outcome.Outcome.APPLIED, null, List.of());

            var e = assertThrows(StallingException.class,
                    () -> new GitRollback(cfg, "Kustos", "kustos@kustos.invalid").rollBack("staging", to, true));

            assertEquals("config: cannot roll back to this revision: commit " + second + " is no longer on branch main: it was"
                    + " rewritten away (by a force push), so its files cannot be restored from the branch; roll back to a revision"
                    + " whose commits are still on the branch (kustos history lists them)", e.getMessage());
            assertEquals(FailureReason.REWRITTEN_HISTORY, e.reason());
            assertEquals(3, ExitCodes.of(e));
            try (var cache = Files.list(tmp.resolve("cache"))) {
                assertEquals(List.of(), cache.filter(d -> d.getFileName().toString().startsWith("rollback-")).toList());
            }
        }
    }
}
