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
 * {@link HistoryStore#save} says whether it kept the record it was given or left it out because
 * another writer recorded the same revision meanwhile: the record step sends its Event only when
 * kept. Two writers whose records carry the same time (two processes in the same second) are
 * still told apart, which comparing the records' times could not (in process, the embedded cluster).
 */
class SaveTellsWhetherItRecordedTest {

    private static HistoryRecord applied(long n, char config) {
        return TestRecords.record(n, "staging", String.valueOf(config).repeat(40), "2026-11-21T00:00:00Z", Outcome.APPLIED, List.of());
    }

    @Test
    void theWriterThatLostTheRaceIsToldItsRecordWasLeftOut(@TempDir Path tmp) {
        try (var ns = TestNamespace.open("embedded", tmp)) {
            var one = new HistoryStore(ns.client(), ns.name(), "staging", 50);
            var two = new HistoryStore(ns.client(), ns.name(), "staging", 50);
            History read = one.load();

            var first = one.save(read, read.state().withGood(pair('a', 'b')), applied(1, 'a'));
            var second = two.save(read, read.state().withGood(pair('a', 'b')), applied(1, 'a'));

            assertTrue(first.recorded(), "the first writer's record is kept");
            assertFalse(second.recorded(), "the second writer's record of the same revision and outcome is left out");
            assertEquals(1, second.history().records().size());

            // from the same stale read, a different revision is kept, under the next number
            var other = two.save(read, read.state().withGood(pair('c', 'b')), applied(1, 'c'));
            assertTrue(other.recorded());
            assertEquals(List.of(2L, 1L), other.history().records().stream().map(HistoryRecord::number).toList());

            History now = one.load();
            var state = one.save(now, now.state().withPause(pair('a', 'b')), null);
            assertFalse(state.recorded(), "a save without a record recorded nothing");
        }
    }
}
