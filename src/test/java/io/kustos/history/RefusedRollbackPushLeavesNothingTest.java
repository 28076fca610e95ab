package io.kustos.history;

import io.kustos.source.SourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A rollback whose second push is refused (here: config and releases are the same repo, so the
 * first push moves the branch under the second) says which repo was already pushed, and leaves
 * no work clone behind; a --no-push rollback keeps its clones until the next rollback of the
 * environment, and leaves other environments' clones alone.
 */
class RefusedRollbackPushLeavesNothingTest {

    @Test
    void aRefusedPushDeletesTheWorkClonesAndSaysWhatWasPushed(@TempDir Path tmp) throws Exception {
        try (var both = OneRepoForBoth.create(tmp)) {
            var to = OneRepoForBoth.appliedAt(1, both.first());
            Path other = Files.createDirectories(tmp.resolve("cache/rollback-production-config-1"));

            var kept = both.rollback().rollBack("staging", to, false);
            assertEquals(2, kept.size());
            kept.forEach(r -> assertTrue(Files.isDirectory(r.workDir()), r.toString()));

            var refused = assertThrows(SourceException.class, () -> both.rollback().rollBack("staging", to, true));
            assertTrue(refused.getMessage().startsWith("releases: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("config was already pushed; the work clones are deleted"), refused.getMessage());
            assertEquals(List.of(other), both.rollbackClones(),
                    "neither the refused clones nor the earlier --no-push ones are left; another environment's are");
        }
    }
}
