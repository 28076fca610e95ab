package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.LiveState;
import io.kustos.live.LiveWorkload;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kustos.diff.DiffFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class DiffPrinterTest {
    private final Differ differ = new Differ();
    private final DiffPrinter printer = new DiffPrinter();

    @Test
    void printsAUnifiedDiffLikeKubectlDiff() {
        var d = configMap(Map.of("LOG_LEVEL", "debug", "POOL", "5"));
        var live = live(d, Map.of("LOG_LEVEL", ConfigValue.text("info"), "POOL", ConfigValue.text("5")), Set.of("LOG_LEVEL", "POOL"));
        String text = printer.unified(differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, live), Map.of())));
        assertTrue(text.startsWith("diff -u -N live/v1.ConfigMap.staging.app-config merged/v1.ConfigMap.staging.app-config\n"
                + "--- live/v1.ConfigMap.staging.app-config\n+++ merged/v1.ConfigMap.staging.app-config\n@@ "), text);
        assertTrue(text.contains("\n-  LOG_LEVEL: info\n+  LOG_LEVEL: debug\n"), text);
        assertTrue(text.contains("\n   POOL: '5'\n"), text);
    }

    @Test
    void aSecretDiffNamesTheKeyButNeverShowsItsValue() {
        var d = secret(Map.of("API_TOKEN", "tok-NEW-4f9a2c", "DB_PASSWORD", "same-pw-771"));
        var live = live(d, Map.of("API_TOKEN", ConfigValue.bytes("tok-OLD-0b13e7".getBytes()),
                "DB_PASSWORD", ConfigValue.bytes("same-pw-771".getBytes())), Set.of("API_TOKEN", "DB_PASSWORD"));
        Diff diff = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, live), Map.of(), KEYED));
        String text = printer.unified(diff) + String.join("\n", printer.summary(diff));
        assertTrue(text.matches("(?s).*\n-  API_TOKEN: 'hmac:[0-9a-f]{8}' # value hidden\n\\+  API_TOKEN: 'hmac:[0-9a-f]{8}' # value hidden\n.*"), text);
        assertTrue(text.matches("(?s).*\n   DB_PASSWORD: 'hmac:[0-9a-f]{8}' # value hidden\n.*"), text);
        assertTrue(text.contains("API_TOKEN changed (hmac:"), text);
        for (String secret : List.of("tok-NEW", "tok-OLD", "same-pw", "dG9r", "c2FtZS1w")) {
            assertFalse(text.contains(secret), "leaked " + secret + " in:\n" + text);
        }
    }

    @Test
    void noLengthIsPrintedForASecretValue() {
        var d = secret(Map.of("PIN", "493817", "API_TOKEN", "tok-NEW-4f9a2c"));
        var live = live(d, Map.of("PIN", ConfigValue.bytes("1234".getBytes()), "GONE", ConfigValue.bytes("twelve bytes".getBytes())),
                Set.of("PIN", "GONE"));
        for (SecretFingerprints fingerprints : List.of(KEYED, SecretFingerprints.NONE)) {
            Diff diff = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, live), Map.of(), fingerprints));
            var pruned = new Diff(diff.desired(), diff.configs(), List.of(), List.of(live), fingerprints);
            String text = printer.unified(pruned) + String.join("\n", printer.summary(pruned));
            assertFalse(text.matches("(?s).*\\b(4|6|12|14) ?(bytes|B)\\b.*"), "a length was printed:\n" + text);
            assertFalse(text.contains("bytes"), text);
        }
    }

    @Test
    void withoutTheKeyASecretShowsOnlyThatItChangedAsKubectlDiffDoes() {
        var d = secret(Map.of("API_TOKEN", "tok-NEW-4f9a2c", "DB_PASSWORD", "same-pw-771"));
        var live = live(d, Map.of("API_TOKEN", ConfigValue.bytes("tok-OLD-0b13e7".getBytes()),
                "DB_PASSWORD", ConfigValue.bytes("same-pw-771".getBytes())), Set.of("API_TOKEN", "DB_PASSWORD"));
        Diff diff = differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, live), Map.of()));
        String text = printer.unified(diff);
        assertTrue(text.contains("\n-  API_TOKEN: '*** (before)' # value hidden\n+  API_TOKEN: '*** (after)' # value hidden\n"), text);
        assertTrue(text.contains("\n   DB_PASSWORD: '***' # value hidden\n"), text);
        assertEquals(List.of("~ secret/staging/app-secrets: API_TOKEN changed"), printer.summary(diff));
        assertFalse(text.contains("hmac:") || text.contains("sha256:"), text);
    }

    @Test
    void aSecretsOtherAnnotationsAreHiddenBecauseTheyCanHoldItsData() {
        var d = secret(Map.of("API_TOKEN", "tok-NEW-4f9a2c"));
        var old = live(d, Map.of("API_TOKEN", ConfigValue.bytes("tok-OLD-0b13e7".getBytes())), Set.of("API_TOKEN"));
        var annotations = new java.util.TreeMap<>(old.annotations());
        annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"API_TOKEN\":\"dG9rLU9MRC0wYjEzZTc=\"}}");
        var withLastApplied = new LiveConfig(old.key(), old.type(), old.labels(), annotations, old.entries(), old.ownedEntries(),
                old.ownedLabels(), old.ownedAnnotations());
        String text = printer.unified(differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(SECRET, withLastApplied), Map.of(), KEYED)));
        assertTrue(text.contains("kubectl.kubernetes.io/last-applied-configuration: 'hmac:"), text);
        assertFalse(text.contains("dG9rLU9MRC0wYjEzZTc="), text);
        assertTrue(text.contains("kustos.io/revision: config="), "Kustos's own annotations stay readable:\n" + text);
    }

    @Test
    void nothingToPrintWhenInSync() {
        var d = configMap(Map.of("A", "1"));
        var live = live(d, Map.of("A", ConfigValue.text("1")), Set.of("A"));
        assertEquals("", printer.unified(differ.diff(state(List.of(d), List.of()), new LiveState(Map.of(CM, live), Map.of()))));
    }

    @Test
    void changesNameEachObjectAndItsKeysButNoValueNorFingerprint() {
        var changedSecret = secret(Map.of("API_TOKEN", "tok-NEW-4f9a2c", "DB_PASSWORD", "same-pw-771", "NEW_KEY", "n3w-s3cret"));
        var liveSecret = live(changedSecret, Map.of("API_TOKEN", ConfigValue.bytes("tok-OLD-0b13e7".getBytes()),
                "DB_PASSWORD", ConfigValue.bytes("same-pw-771".getBytes()), "GONE", ConfigValue.bytes("old".getBytes())),
                Set.of("API_TOKEN", "DB_PASSWORD", "GONE"));
        var newConfig = new io.kustos.render.DesiredConfig(io.kustos.render.ObjectKey.configMap("monitoring", "probe"), null, labels(),
                new java.util.TreeMap<>(), new java.util.TreeMap<>(Map.of("URL", ConfigValue.text("http://x"))), "config:p.yaml");
        var restarted = workload("app", Map.of(), "sha256:old", "sha256:new");
        var upgraded = workload("web", Map.of("web", "r.example.com/web:1.0.0"), "sha256:same", "sha256:same");
        var pruned = live(configMap(Map.of()), Map.of(), Set.of());
        var diff = differ.diff(state(List.of(changedSecret, newConfig), List.of()), new LiveState(Map.of(SECRET, liveSecret), Map.of()));
        var all = new Diff(diff.desired(), diff.configs(), List.of(restarted, upgraded), List.of(pruned));

        assertEquals(List.of(
                "Secret/app-secrets (keys: API_TOKEN changed, GONE removed, NEW_KEY added)",
                "ConfigMap/monitoring/probe created",
                "Deployment/app restarted",
                "Deployment/web updated to r.example.com/web:2.0.0",
                "ConfigMap/app-config pruned"), printer.changes(all));
        String text = String.join("\n", printer.changes(all));
        for (String value : List.of("sha256", "tok-", "same-pw", "n3w", "http://x")) {
            assertFalse(text.contains(value), "leaked " + value + " in:\n" + text);
        }
    }

    private static WorkloadChange workload(String name, Map<String, String> oldImages, String oldHash, String newHash) {
        var key = new io.kustos.render.ObjectKey("apps/v1", "Deployment", "staging", name);
        var desired = new io.kustos.render.DesiredWorkload(key, new java.util.TreeMap<>(Map.of(name, "r.example.com/" + name + ":2.0.0")), "r.yaml");
        return new WorkloadChange(desired, new LiveWorkload(key, new java.util.TreeMap<>(), new java.util.TreeMap<>(), null),
                new java.util.TreeMap<>(oldImages), oldHash, newHash);
    }
}
