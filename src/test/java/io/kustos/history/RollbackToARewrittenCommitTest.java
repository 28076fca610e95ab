package io.kustos.history;

import io.kustos.cli.ExitCodes;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A rollback to a revision whose commit a force push rewrote away names the commit and says it is
 * no longer on the branch (exit 3), instead of JGit's "Missing unknown", and leaves no work clone.
 */
class RollbackToARewrittenCommitTest {

    @Test
    void aCommitNoLongerOnTheBranchIsNamed(@TempDir Path tmp) {
        try (var both = OneRepoForBoth.create(tmp)) {
            both.repo().forcePush(both.first(), "rewritten");
            var to = OneRepoForBoth.appliedAt(2, both.second());

            var e = assertThrows(StallingException.class, () -> both.rollback().rollBack("staging", to, true));

            assertEquals("config: cannot roll back to this revision: commit " + both.second() + " is no longer on branch main: it was"
                    + " rewritten away (by a force push), so its files cannot be restored from the branch; roll back to a revision"
                    + " whose commits are still on the branch (kustos history lists them)", e.getMessage());
            assertEquals(FailureReason.REWRITTEN_HISTORY, e.reason());
            assertEquals(3, ExitCodes.of(e));
            assertEquals(List.of(), both.rollbackClones());
        }
    }
}
