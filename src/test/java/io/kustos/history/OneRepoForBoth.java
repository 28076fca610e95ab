package io.kustos.history;

import io.kustos.config.KustosConfig;
import io.kustos.outcome.Outcome;
import io.kustos.source.Revision;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * For rollback tests on git alone: one repo ("both") that is staging's config and releases source,
 * with two commits ({@code first}: a: 1 and image: 1, {@code second}: a: 2 and image: 2), and the
 * kustos.yaml of {@code tmp} whose cache is {@code tmp/cache}.
 */
record OneRepoForBoth(Path tmp, TestRepo repo, String first, String second, KustosConfig config) implements AutoCloseable {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";

    static OneRepoForBoth create(Path tmp) {
        TestRepo repo = TestRepos.create(tmp.resolve("repos"), "both", Map.of(CONFIG, "a: 1\n", RELEASE, "image: 1\n"));
        String first = repo.head();
        String second = repo.commit("second", Map.of(CONFIG, "a: 2\n", RELEASE, "image: 2\n"));
        return new OneRepoForBoth(tmp, repo, first, second, TestRepos.stagingConfig(tmp, repo.fileUrl(), repo.fileUrl()));
    }

    /** Record {@code number}: staging applied at {@code commit} of both sources. */
    static HistoryRecord appliedAt(long number, String commit) {
        String revision = new Revision("main", commit).toString();
        return new HistoryRecord(number, "staging", revision, revision, null, null, null, 0, Outcome.APPLIED, null, List.of());
    }

    GitRollback rollback() {
        return new GitRollback(config, "Kustos", "kustos@kustos.invalid");
    }

    /** The rollback work clones left in the cache. */
    List<Path> rollbackClones() {
        try (var cache = Files.list(tmp.resolve("cache"))) {
            return cache.filter(d -> d.getFileName().toString().startsWith("rollback-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
