package io.kustos.render;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

class SecretScrubberTest {
    private static DesiredConfig secret(Map<String, String> values) {
        var entries = new TreeMap<String, ConfigValue>();
        values.forEach((k, v) -> entries.put(k, ConfigValue.bytes(v.getBytes(StandardCharsets.UTF_8))));
        return new DesiredConfig(ObjectKey.secret("ns", "s"), "Opaque", new TreeMap<>(), new TreeMap<>(), entries, "f");
    }

    @Test
    void removesValuesInClearTrimmedBase64AndLineByLine() {
        String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END KEY-----\n";
        var scrub = new SecretScrubber(List.of(secret(Map.of("PW", "hunter2-secret\n", "KEY", pem))));
        String log = "connecting with hunter2-secret and " + Base64.getEncoder().encodeToString("hunter2-secret\n".getBytes())
                + "\nloaded MIIEvQIBADANBgkqhkiG9w0BAQEFAASC ok";
        String out = scrub.apply(log);
        assertFalse(out.contains("hunter2"), out);
        assertFalse(out.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), out);
        assertTrue(out.contains("[redacted]"), out);
    }

    @Test
    void configMapValuesAreLeftAlone() {
        var cm = new DesiredConfig(ObjectKey.configMap("ns", "c"), null, new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(Map.of("LOG_LEVEL", ConfigValue.text("debug-verbose"))), "f");
        assertEquals("level debug-verbose", new SecretScrubber(List.of(cm)).apply("level debug-verbose"));
    }
}
