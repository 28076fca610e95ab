package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.history.HistoryStore;
import io.kustos.render.Renderer;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Secret fingerprints are keyed with the Secret kustos-fingerprint-key, which the first apply
 * creates and every later run (the CLI and the daemon) reuses: the fingerprint the history records
 * for a value is the one a later `kustos diff` shows for it. `kustos diff` never creates the key;
 * the key is never pruned, diffed, shown or recorded, and no record holds an unkeyed fingerprint.
 */
class SecretFingerprintKeyIT {
    private static final String SECRET_FILE = "environments/staging/app/secrets.yaml";
    private static final String KEY = "kustos-fingerprint-key";
    private static final Pattern BEFORE = Pattern.compile("\n-  PIN: '(hmac:[0-9a-f]{8})' # value hidden\n");
    private static final Pattern AFTER = Pattern.compile("\n\\+  PIN: '(hmac:[0-9a-f]{8})' # value hidden\n");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theKeyIsCreatedOnceAndEveryRunFingerprintsWithIt(String clusterName, @TempDir Path tmp) throws Exception {
        String pin = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String newPin = String.format("%06d", (Integer.parseInt(pin) + 1) % 1_000_000);
        String token = "tok-" + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), 7, 9, 11});
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                SECRET_FILE, secret("app-secrets", "PIN", pin, "TOKEN", token)));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            var secrets = h.cluster().client().secrets().inNamespace(h.namespace());
            addDeploymentUsingTheSecret(h);

            var firstDiff = h.kustos("diff");
            assertEquals(1, firstDiff.exit(), firstDiff.toString());
            assertTrue(firstDiff.out().contains("\n+  PIN: '***' # value hidden\n"), "no key yet, no fingerprint:\n" + firstDiff.out());
            assertNull(secrets.withName(KEY).get(), "kustos diff writes nothing, not even the key");
            String doorDiff = objectDiff(firstDiff.out(), "door");
            assertTrue(doorDiff.contains("kustos.io/config-hash: '***' # keyed at the first apply"), "no key yet, no hash:\n" + doorDiff);
            assertFalse(doorDiff.contains("sha256:") || doorDiff.contains("hmac:") || Pattern.compile("[0-9a-f]{64}").matcher(doorDiff).find(),
                    "no digest over the Secret before the key exists:\n" + doorDiff);

            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());
            Secret key = secrets.withName(KEY).get();
            assertNotNull(key, "the first apply creates the key");
            byte[] keyBytes = Base64.getDecoder().decode(key.getData().get("hmac-sha256"));
            assertEquals(32, keyBytes.length);
            assertNull(key.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), "not labelled as a managed object");
            String recorded = recordedPin(h);
            assertTrue(recorded.matches("hmac:[0-9a-f]{8}"), recorded);
            String doorHash = configHash(h, "door");
            assertTrue(doorHash.matches("hmac:[0-9a-f]{64}"), "the config hash over a Secret is keyed: " + doorHash);
            assertTrue(configHash(h, "app").matches("sha256:[0-9a-f]{64}"), "over a ConfigMap only it is not");

            h.config().commit("new pin", Map.of(SECRET_FILE, secret("app-secrets", "PIN", newPin, "TOKEN", token)));
            var diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            assertEquals(recorded, group(BEFORE, diff.out()), "the diff fingerprints the live value as the history recorded it:\n" + diff.out());
            String shownAfter = group(AFTER, diff.out());
            assertNotEquals(recorded, shownAfter);
            assertFalse(diff.out().contains(KEY), "the key is not diffed:\n" + diff.out());

            // the daemon's loop applies the new PIN: its record agrees with what the CLI showed
            var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
            assertTrue(loop.runOnce().isPresent());
            assertEquals(shownAfter, recordedPin(h), "the daemon and the CLI fingerprint with the same key");

            String newDoorHash = configHash(h, "door");
            assertTrue(newDoorHash.matches("hmac:[0-9a-f]{64}") && !newDoorHash.equals(doorHash), "the new PIN restarts its user: " + newDoorHash);
            Secret after = secrets.withName(KEY).get();
            assertEquals(key.getMetadata().getUid(), after.getMetadata().getUid(), "created once");
            assertEquals(key.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion(), "never changed");
            var inSync = h.kustos("diff");
            assertEquals(0, inSync.exit(), "the key is neither drift nor pruned:\n" + inSync);
            assertNotNull(secrets.withName(KEY).get());

            var history = h.cluster().client().configMaps().inNamespace(h.namespace()).withName(HistoryStore.NAME).get().getData();
            String events = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().toString();
            String everything = firstDiff.all() + first.all() + diff.all() + inSync.all() + history + events;
            for (String leak : List.of(pin, newPin, token, Base64.getEncoder().encodeToString(keyBytes), HexFormat.of().formatHex(keyBytes),
                    key.getData().get("hmac-sha256"))) {
                assertFalse(everything.contains(leak), "a secret (a value or the key) was printed or recorded");
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            int secretKeys = 0;
            for (var e : history.entrySet()) {
                if (!e.getKey().startsWith("r")) {
                    continue;
                }
                for (var object : json.readTree(e.getValue()).get("objects")) {
                    if (object.get("name").asText().equals("door")) {
                        assertTrue(object.get("keys").get("config-hash").asText().matches("hmac:[0-9a-f]{8}"), "keyed config hash: " + e);
                    }
                    if (object.get("kind").asText().equals("Secret")) {
                        for (var value : object.get("keys")) {
                            secretKeys++;
                            assertTrue(value.asText().matches("hmac:[0-9a-f]{8}"), "an unkeyed Secret fingerprint in the history: " + e);
                        }
                    }
                }
            }
            assertEquals(3, secretKeys, "PIN and TOKEN created, PIN changed: " + history);
        }
    }

    /** Deployment door (no replicas) uses app-secrets through envFrom, and is in the release. */
    private static void addDeploymentUsingTheSecret(KustosHarness h) {
        h.cluster().client().apps().deployments().inNamespace(h.namespace()).resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("door").withNamespace(h.namespace()).endMetadata()
                .withNewSpec().withReplicas(0)
                .withNewSelector().addToMatchLabels("app", "door").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "door").endMetadata()
                .withNewSpec().addNewContainer().withName("door").withImage("registry.example.com/door:1.0.0")
                .addNewEnvFrom().withNewSecretRef().withName("app-secrets").endSecretRef().endEnvFrom()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        h.releases().commit("door", Map.of("environments/staging/release.yaml", KustosHarness.release(Map.of(
                "app", "registry.example.com/app:1.0.0", "door", "registry.example.com/door:1.0.0"), "")));
    }

    private static String configHash(KustosHarness h, String deployment) {
        var template = h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName(deployment).get().getSpec().getTemplate();
        return template.getMetadata().getAnnotations().get("kustos.io/config-hash");
    }

    private static String recordedPin(KustosHarness h) {
        var record = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50).load().records().get(0);
        return record.objects().stream().filter(o -> o.kind().equals("Secret")).findFirst().orElseThrow().keys().get("PIN");
    }

    /** The part of a `kustos diff` output about one workload, from its `diff -u -N` header to the next. */
    private static String objectDiff(String out, String workload) {
        for (String part : out.split("(?m)^(?=diff -u -N )")) {
            if (part.startsWith("diff -u -N ") && part.lines().findFirst().orElseThrow().endsWith("." + workload)) {
                return part;
            }
        }
        return fail("no diff of " + workload + " in:\n" + out);
    }

    private static String group(Pattern p, String text) {
        var m = p.matcher(text);
        assertTrue(m.find(), p + " not in:\n" + text);
        return m.group(1);
    }
}
