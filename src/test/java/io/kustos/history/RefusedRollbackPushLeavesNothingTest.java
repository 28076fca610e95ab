package io.kustos.history;

import io.kustos.source.Revision;
import io.kustos.source.SourceException;
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
 * A rollback whose second push is refused (here: config and releases are the same repo, so the
 * first push moves the branch under the second) says which repo was already pushed, and leaves
 * no work clone behind; a --no-push rollback keeps its clones until the next rollback of the
 * environment, and leaves other environments' clones alone.
 */
class RefusedRollbackPushLeavesNothingTest {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";

    @Test
    void aRefusedPushDeletesTheWorkClonesAndSaysWhatWasPushed(@TempDir Path tmp) throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of(CONFIG, "a: 1\n", RELEASE, "image: 1\n"))) {
            String first = repo.head();
            repo.commit("second", Map.of(CONFIG, "a: 2\n", RELEASE, "image: 2\n"));
            var cfg = TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl());
            String revision = new Revision("main", first).toString();
            var to = new HistoryRecord(1, "staging", revision, revision, null, null, null, 0, io.kustos.outcome.Outcome.APPLIED, null, List.of());
            Path other = Files.createDirectories(tmp.resolve("cache/rollback-production-config-1"));

            var kept = new GitRollback(cfg, "Kustos", "kustos@kustos.invalid").rollBack("staging", to, false);
            assertEquals(2, kept.size());
            kept.forEach(r -> assertTrue(Files.isDirectory(r.workDir()), r.toString()));

            var refused = assertThrows(SourceException.class,
                    () -> new GitRollback(cfg, "Kustos", "kustos@kustos.invalid").rollBack("staging", to, true));
            assertTrue(refused.getMessage().startsWith("releases: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("config was already pushed; the work clones are deleted"), refused.getMessage());
            try (var cache = Files.list(tmp.resolve("cache"))) {
                assertEquals(List.of(other), cache.filter(d -> d.getFileName().toString().startsWith("rollback-")).toList(),
                        "neither the refused clones nor the earlier --no-push ones are left; another environment's are");
            }
        }
    }
}
