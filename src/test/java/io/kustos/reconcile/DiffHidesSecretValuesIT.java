package io.kustos.reconcile;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/** `kustos diff` names the Secret key that changed, never its value, and exits 1; in sync it exits 0. */
class DiffHidesSecretValuesIT {
    private static final String SECRET_FILE = "environments/staging/app/secrets.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theChangedKeyIsNamedAndItsValueNeverShown(String clusterName, @TempDir Path tmp) {
        String oldToken = "old-" + random();
        String newToken = "new-" + random();
        String password = "pw-" + random();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                SECRET_FILE, secret("app-secrets", "API_TOKEN", oldToken, "DB_PASSWORD", password)))) {
            assertEquals(0, h.kustos("apply").exit());
            var inSync = h.kustos("diff");
            assertEquals(0, inSync.exit(), inSync.toString());
            assertEquals("", inSync.out());

            h.config().commit("rotate token", Map.of(SECRET_FILE, secret("app-secrets", "API_TOKEN", newToken, "DB_PASSWORD", password)));
            var diff = h.kustos("diff");
            assertEquals(1, diff.exit(), diff.toString());
            String name = "v1.Secret." + h.namespace() + ".app-secrets";
            assertTrue(diff.out().startsWith("diff -u -N live/" + name + " merged/" + name), diff.out());
            assertTrue(diff.out().matches("(?s).*\n-  API_TOKEN: 'hmac:[0-9a-f]{8}' # value hidden\n\\+  API_TOKEN: 'hmac:[0-9a-f]{8}' # value hidden\n.*"),
                    diff.out());
            assertFalse(diff.out().matches("(?s).*\n[-+]  DB_PASSWORD.*"), "unchanged key shown as changed:\n" + diff.out());
            String all = diff.all() + h.kustos("apply").all();
            for (String value : new String[] {oldToken, newToken, password}) {
                assertFalse(all.contains(value), "a secret value was printed");
                assertFalse(all.contains(java.util.Base64.getEncoder().encodeToString(value.getBytes())), "a base64 secret value was printed");
            }
            assertEquals(0, h.kustos("diff").exit());
        }
    }

    private static String random() {
        byte[] b = new byte[12];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
