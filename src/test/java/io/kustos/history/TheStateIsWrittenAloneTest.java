package io.kustos.history;

import io.kustos.outcome.Outcome;
import io.kustos.testsupport.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: a revision that leaves an environment's inputs as they were is recorded as its last good one by a
 * write of the history's state alone ({@link HistoryStore#saveStateIfUnchanged}): the records, read and sent whole before
 * for every untouched environment at every commit, stay as they are, unread; and the write is still refused when anyone
 * wrote the history since its state was read (in process, the embedded cluster).
 */
class TheStateIsWrittenAloneTest {

    private static HistoryRecord applied(long n, char config) {
        return TestRecords.record(n, "staging", String.valueOf(config).repeat(40), "2026-11-21T00:00:00Z", Outcome.APPLIED, List.of());
    }

    private static io.kustos.source.RevisionPair numbered(int n) {
        return new io.kustos.source.RevisionPair(new io.kustos.source.Revision("main", String.format("%040x", n)), pair('b', 'b').releases());
    }

    @Test
    void theStateIsReplacedAndTheRecordsStayAsTheyWere(@TempDir Path tmp) {
        try (var ns = TestNamespace.open("embedded", tmp)) {
            var store = new HistoryStore(ns.client(), ns.name(), "staging", 50);
            assertNull(store.getState(), "no history yet: no state to write alone (the full path writes it)");
            History history = store.load();
            for (int n = 1; n <= 20; n++) {
                history = store.save(history, history.state().withGood(numbered(n)), applied(n, 'a')).history();
            }
            List<HistoryRecord> records = store.load().records();

            var at = store.getState();
            assertEquals(numbered(20), at.state().lastGood());
            assertTrue(store.saveStateIfUnchanged(at, at.state().withGood(pair('e', 'f'))));

            History now = store.load();
            assertEquals(pair('e', 'f'), now.state().lastGood(), "the new state is written");
            assertEquals(records, now.records(), "every record is as it was");

            assertFalse(store.saveStateIfUnchanged(at, at.state().withGood(pair('c', 'c'))),
                    "read before someone wrote the history: refused, nothing written");
            assertEquals(pair('e', 'f'), store.load().state().lastGood());

            // the full write after a state-only one keeps both (its field manager takes the state back)
            var after = store.save(now, now.state().withGood(pair('d', 'd')), applied(21, 'd'));
            assertTrue(after.recorded());
            History last = store.load();
            assertEquals(pair('d', 'd'), last.state().lastGood());
            assertEquals(21, last.records().size());
        }
    }
}
