package io.kustos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.failure.TransientException;
import io.kustos.outcome.Outcome;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The kustos-history ConfigMap keeps the text it always had now that its state holds revision
 * pairs and its records an {@link Outcome}: what a cluster holds reads back, and is written the same.
 */
class StoredFormatIsUnchangedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "config=main@sha1:" + "a".repeat(40) + ";releases=main@sha1:" + "b".repeat(40);
    private static final String FAILED = "config=main@sha1:" + "c".repeat(40) + ";releases=main@sha1:" + "b".repeat(40);
    private static final String STATE = "{\"lastGood\":\"" + GOOD + "\",\"lastFailed\":\"" + FAILED + "\",\"pausedAt\":null}";
    private static final String RECORD = "{\"number\":3,\"environment\":\"staging\",\"config\":\"main@sha1:" + "c".repeat(40)
            + "\",\"releases\":\"main@sha1:" + "b".repeat(40) + "\",\"configCommit\":null,\"releasesCommit\":null,"
            + "\"time\":\"2026-12-05T00:00:00Z\",\"durationMs\":12,\"outcome\":\"rolled-back\",\"message\":\"rollout failed\",\"objects\":[]}";

    @Test
    void anExistingHistoryReadsBackTyped() {
        History history = new HistoryStore(null, "staging", "staging", 50).read(configMap(STATE, RECORD));
        assertEquals(new TargetState(RevisionPair.parse(GOOD), RevisionPair.parse(FAILED), null), history.state());
        HistoryRecord r = history.records().get(0);
        assertEquals(Outcome.ROLLED_BACK, r.outcome());
        assertEquals(RevisionPair.parse(FAILED), r.revisions());
        assertTrue(r.isOf(RevisionPair.parse(FAILED)));
        assertFalse(r.isOf(RevisionPair.parse(GOOD)));
    }

    @Test
    void theStateAndTheRecordsAreWrittenAsBefore() throws Exception {
        var state = new TargetState(RevisionPair.parse(GOOD), RevisionPair.parse(FAILED), null);
        assertEquals(STATE, JSON.writeValueAsString(state));
        var record = new HistoryRecord(3, "staging", "main@sha1:" + "c".repeat(40), "main@sha1:" + "b".repeat(40), null, null,
                "2026-12-05T00:00:00Z", 12, Outcome.ROLLED_BACK, "rollout failed", List.of());
        assertEquals(RECORD, JSON.writeValueAsString(record));
    }

    @Test
    void aRecordWithAnUnknownOutcomeNamesIt() {
        var e = assertThrows(TransientException.class, () -> new HistoryStore(null, "staging", "staging", 50)
                .read(configMap(STATE, RECORD.replace("rolled-back", "exploded"))));
        assertTrue(e.getMessage().contains("staging/kustos-history is not readable history"), e.getMessage());
        assertTrue(e.getMessage().contains("\"exploded\" is not an outcome"), e.getMessage());
    }

    @Test
    void aStateThatIsNoRevisionPairNamesIt() {
        var e = assertThrows(TransientException.class, () -> new HistoryStore(null, "staging", "staging", 50)
                .read(configMap(STATE.replace(GOOD, "config=main;releases=main"), RECORD)));
        assertTrue(e.getMessage().contains("\"config=main;releases=main\""), e.getMessage());
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String state, String record) {
        return new ConfigMapBuilder().withNewMetadata().withName(HistoryStore.NAME).withNamespace("staging").withResourceVersion("7")
                .endMetadata().withData(Map.of("state", state, "r00000003", record)).build();
    }
}
