package io.kustos.history;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A kustos-history written before Secret fingerprints were keyed is still read: its records stay,
 * but the unkeyed fingerprints of Secret values (reversible for a short value) read as "changed",
 * so they are neither shown nor written back; a ConfigMap's fingerprints stay as they were.
 */
class OldHistoryRecordsTest {
    private static final String OLD_RECORD = """
            {"number":7,"environment":"prod","config":"main@1111111","releases":"main@2222222",
             "configCommit":{"sha":"1111111111111111111111111111111111111111","author":"Ada","date":"2026-11-01T10:00:00Z","subject":"rotate"},
             "releasesCommit":{"sha":"2222222222222222222222222222222222222222","author":"Ada","date":"2026-11-01T10:00:00Z","subject":"x"},
             "time":"2026-11-01T10:00:05Z","durationMs":1200,"outcome":"applied","message":null,
             "objects":[{"kind":"Secret","namespace":"prod","name":"door","action":"updated","keys":{"GONE":"removed","PIN":"sha256:5e0b1c2d"}},
                        {"kind":"ConfigMap","namespace":"prod","name":"app","action":"updated","keys":{"BIG":"sha256:0a1b2c3d"}}]}
            """;

    @Test
    void oldRecordsAreReadWithoutTheirUnkeyedSecretFingerprints() {
        var cm = new ConfigMapBuilder().withNewMetadata().withName(HistoryStore.NAME).withNamespace("prod").withResourceVersion("42").endMetadata()
                .withData(Map.of("state", "{}", "r00000007", OLD_RECORD)).build();
        History history = new HistoryStore(null, "prod", "prod", 50).read(cm);

        assertEquals(1, history.records().size());
        HistoryRecord r = history.records().get(0);
        assertEquals(7, r.number());
        assertEquals("applied", r.outcome().word());
        assertEquals(Map.of("GONE", "removed", "PIN", "changed"), r.objects().get(0).keys());
        assertEquals(Map.of("BIG", "sha256:0a1b2c3d"), r.objects().get(1).keys(), "a ConfigMap's fingerprint is no secret");
        assertFalse(r.toString().contains("5e0b1c2d"), r.toString());
    }
}
