package io.kustos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.diff.EntryChange;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A revision of 321 objects is recorded whole (its last objects, here the Secrets, were cut at 200
 * before), with counts per kind and action, and its Secret keys as keyed fingerprints only.
 */
class LongRevisionIsRecordedWholeTest {
    private static final String SECRET_VALUE = "canary-secret-value-8d1f";

    @Test
    void everyObjectOfA321ObjectRevisionIsInItsRecordWithCounts() throws Exception {
        var changes = new ArrayList<ConfigChange>();
        for (int i = 0; i < 300; i++) {
            changes.add(change(ObjectKey.configMap("prod", String.format("cm-%03d", i)), "plain-" + i));
        }
        for (int i = 0; i < 21; i++) {
            changes.add(change(ObjectKey.secret("prod", String.format("secret-%02d", i)), SECRET_VALUE));
        }
        var diff = new Diff(null, changes, List.of(), List.of(), SecretFingerprints.keyed(new byte[32]));

        var objects = RecordBuilder.objects(diff);
        assertEquals(321, objects.size(), "no object is cut from the record");
        assertEquals("secret-20", objects.get(320).name());

        var record = new HistoryRecord(1, "prod", "main@sha1:" + "a".repeat(40), "main@sha1:" + "b".repeat(40), null, null,
                "2026-12-05T00:00:00Z", 1, io.kustos.outcome.Outcome.APPLIED, null, objects);
        assertEquals(Map.of("ConfigMap created", 300, "Secret created", 21), record.counts());
        assertEquals("300 ConfigMap created, 21 Secret created", ChangeCounts.describe(record.counts()));

        String stored = new ObjectMapper().writeValueAsString(record);
        assertFalse(stored.contains(SECRET_VALUE), "a Secret value never reaches the record");
        assertTrue(stored.contains("\"counts\":{\"ConfigMap created\":300,\"Secret created\":21}"), stored.substring(0, 200));

        var cm = new ConfigMapBuilder().withNewMetadata().withName(HistoryStore.NAME).withNamespace("prod").withResourceVersion("1")
                .endMetadata().withData(Map.of("state", "{}", "r00000001", stored)).build();
        HistoryRecord read = new HistoryStore(null, "prod", "prod", 50).read(cm).records().get(0);
        assertEquals(321, read.objects().size());
        assertEquals(record.counts(), read.counts());
        assertTrue(read.objects().get(320).keys().get("DATA").startsWith("hmac:"), read.objects().get(320).toString());
    }

    @Test
    void aShortRevisionGetsNoCounts() {
        var diff = new Diff(null, List.of(change(ObjectKey.configMap("prod", "one"), "x")), List.of(), List.of());
        var record = new HistoryRecord(1, "prod", "c", "r", null, null, "t", 1, io.kustos.outcome.Outcome.APPLIED, null,
                RecordBuilder.objects(diff));
        assertTrue(record.counts().isEmpty());
    }

    private static ConfigChange change(ObjectKey key, String value) {
        var entries = new TreeMap<String, ConfigValue>();
        entries.put("DATA", ConfigValue.bytes(value.getBytes(StandardCharsets.UTF_8)));
        var desired = new DesiredConfig(key, key.kind().equals("Secret") ? "Opaque" : null, new TreeMap<>(), new TreeMap<>(), entries, "config:x.yaml");
        return new ConfigChange(desired, null, List.of(new EntryChange("DATA", EntryChange.Kind.ADDED, null, "x")), List.of());
    }
}
