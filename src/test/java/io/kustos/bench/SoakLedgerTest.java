package io.kustos.bench;

import io.kustos.history.History;
import io.kustos.history.HistoryRecord;
import io.kustos.history.TargetState;
import io.kustos.outcome.Outcome;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's history audit: one applied record per revision that changed the environment, no duplicates, none missing. */
class SoakLedgerTest {
    private static final BenchShape SHAPE = new BenchShape(24, 6, 2);
    @TempDir
    Path tmp;
    private BenchWorkspace ws;
    private SoakLedger ledger;
    private String first;
    private String releases;

    @BeforeEach
    void oneChangeInEnv0AndABadCommitInEnv1() {
        ws = new BenchWorkspace(SHAPE, tmp);
        first = ws.config.head();
        releases = ws.releases.head();
        ledger = new SoakLedger(ws, first, releases);
        String change = ws.config.commit("change env-0", ws.synthetic.changedConfig("env-0", 1, "99s"));
        ledger.reached(new SoakStep(1, SoakStep.Kind.CONFIG_CHANGE, "", change, releases, null, null), null);
        String bad = ws.config.commit("bad env-1", java.util.Map.of("environments/env-1/soak/broken.yaml", "data: [\n"));
        ledger.reached(new SoakStep(2, SoakStep.Kind.BAD_COMMIT, "", bad, releases, "env-1", null), "env-1");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void theFirstApplyAndTheChangeMakeEnv0sCompleteHistory() {
        String head = ws.config.head();
        var h = history(List.of(applied(1, first), applied(2, sha(2))), head);
        assertEquals(List.of(), ledger.audit("env-0", h, 50));
    }

    @Test
    void theBadCommitMayBeRecordedOnceAsFailedInItsEnvironmentOnly() {
        String head = ws.config.head();
        String change = sha(2);
        assertEquals(List.of(), ledger.audit("env-1", history(List.of(applied(1, first), record(2, head, Outcome.FAILED)), change), 50));
        var twice = ledger.audit("env-1", history(List.of(applied(1, first), record(2, head, Outcome.FAILED), record(3, head, Outcome.FAILED)), change), 50);
        assertTrue(twice.stream().anyMatch(p -> p.contains("duplicate")), twice.toString());
    }

    @Test
    void aMissingOrDuplicatedAppliedRecordIsAProblem() {
        String head = ws.config.head();
        var missing = ledger.audit("env-0", history(List.of(applied(1, first)), head), 50);
        assertTrue(missing.stream().anyMatch(p -> p.contains("1 applied records, 2 revisions changed it")), missing.toString());
        var duplicate = ledger.audit("env-0", history(List.of(applied(1, first), applied(2, sha(2)), applied(3, sha(2))), head), 50);
        assertTrue(duplicate.stream().anyMatch(p -> p.contains("duplicate")), duplicate.toString());
    }

    @Test
    void theLastGoodRevisionMustBeTheLastOneTheEnvironmentApplied() {
        var stale = ledger.audit("env-0", history(List.of(applied(1, first), applied(2, sha(2))), first), 50);
        assertTrue(stale.stream().anyMatch(p -> p.contains("last good revision")), stale.toString());
    }

    /** The config repo's commit {@code commitNumber} (1: the first, 2: the change, 3: the bad commit). */
    private String sha(int commitNumber) {
        try (var git = org.eclipse.jgit.api.Git.open(tmp.resolve("repos-work").resolve("config").toFile())) {
            var commits = new ArrayList<String>();
            git.log().call().forEach(c -> commits.add(0, c.name()));
            return commits.get(commitNumber - 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HistoryRecord applied(long n, String config) {
        return record(n, config, Outcome.APPLIED);
    }

    private HistoryRecord record(long n, String config, Outcome outcome) {
        return new HistoryRecord(n, "env", "main@sha1:" + config, "main@sha1:" + releases, null, null, "t", 1, outcome, null, List.of());
    }

    private History history(List<HistoryRecord> records, String good) {
        var pair = new RevisionPair(Revision.parse("main@sha1:" + good), Revision.parse("main@sha1:" + releases));
        return new History(TargetState.EMPTY.withGood(pair), records);
    }
}
