package io.kustos.decrypt;

import io.kustos.decrypt.age.X25519Identity;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A SOPS-encrypted Secret in the config repo is decrypted in memory with the age key named in
 * kustos.yaml and applied; a tampered value, or no key that fits, is a clear error naming the
 * file, the key path and the kind, and nothing of that revision is applied.
 */
class EncryptedSecretsIT {
    private static final String FILE = "environments/staging/app/secrets.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void encryptedSecretsApplyAndBadOnesChangeNothing(String clusterName, @TempDir Path tmp) throws Exception {
        var identity = X25519Identity.generate(new SecureRandom());
        Path keyFile = tmp.resolve("age.key");
        Files.writeString(keyFile, identity.encodeSecret() + "\n");
        byte[] seed = new byte[12];
        new SecureRandom().nextBytes(seed);
        String token = "tok-" + HexFormat.of().formatHex(seed);
        String encrypted = encrypt(tmp, identity.recipient(), KustosHarness.secret("app-secrets", "TOKEN", token));

        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"), FILE, encrypted))) {
            String plainYaml = Files.readString(h.kustosYaml());
            Files.writeString(h.kustosYaml(), plainYaml + "decryption: { ageKeyFile: " + keyFile + " }\n");
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());
            var secret = h.cluster().client().secrets().inNamespace(h.namespace()).withName("app-secrets").get();
            assertEquals(token, new String(Base64.getDecoder().decode(secret.getData().get("TOKEN")), StandardCharsets.UTF_8));
            assertFalse(first.all().contains(token));
            String version = secret.getMetadata().getResourceVersion();

            String tampered = flipOneCharOfTheValue(encrypted);
            h.config().commit("tampered", Map.of(FILE, tampered, "environments/staging/app/config.yaml", configMap("app-config", "A", "2")));
            var bad = h.kustos("apply");
            assertEquals(3, bad.exit(), bad.toString());
            assertTrue(bad.all().contains("config:" + FILE), bad.toString());
            assertTrue(bad.all().contains(": stringData.TOKEN: the value does not authenticate"), bad.toString());
            assertEquals(0, bad.writes(), bad.toString());
            assertFalse(bad.all().contains(token));
            assertEquals(version, h.cluster().client().secrets().inNamespace(h.namespace()).withName("app-secrets").get()
                    .getMetadata().getResourceVersion());
            assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"));

            h.config().commit("good again", Map.of(FILE, encrypted));
            Files.writeString(h.kustosYaml(), plainYaml);
            var noKey = h.kustos("apply");
            assertEquals(3, noKey.exit(), noKey.toString());
            assertTrue(noKey.all().contains(": sops: no master key of this machine opens the data key; the file is encrypted for: age "
                    + identity.recipient()), noKey.toString());
            assertEquals(0, noKey.writes(), noKey.toString());
        }
    }

    private static String encrypt(Path tmp, String recipient, String plaintext) throws Exception {
        return io.kustos.testsupport.SopsFiles.encryptForAge(tmp, recipient, plaintext);
    }

    /** Changes one base64 character inside the TOKEN value's ciphertext. */
    private static String flipOneCharOfTheValue(String encrypted) {
        int at = encrypted.indexOf("TOKEN: ENC[AES256_GCM,data:") + "TOKEN: ENC[AES256_GCM,data:".length();
        char c = encrypted.charAt(at);
        return encrypted.substring(0, at) + (c == 'A' ? 'B' : 'A') + encrypted.substring(at + 1);
    }
}
