package io.kustos.config;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.KeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** An age key file that does not exist is named with the setting it came from and what to do (exit 3). */
class MissingAgeKeyFileIsNamedTest {
    @TempDir
    Path tmp;

    private Decryption decryption(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(ConfigYaml.MINIMAL + yaml, tmp, "kustos.yaml", env).decryption();
    }

    @Test
    void theKustosYamlFieldIsNamed() {
        var e = assertThrows(DecryptionException.class, () -> KeyRing.decryptor(decryption("decryption: { ageKeyFile: keys/age.key }\n", Map.of())));
        assertEquals("kustos.yaml: decryption.ageKeyFile: " + tmp.resolve("keys/age.key") + ": age identity file does not exist."
                + " Point decryption.ageKeyFile at the age key file (AGE-SECRET-KEY-1…) whose public key the repo's .sops.yaml encrypts to.",
                e.getMessage());
    }

    @Test
    void sopsAgeKeyFileIsNamedWhenItWasTheSource() {
        Path missing = tmp.resolve("gone.key");
        var e = assertThrows(DecryptionException.class, () -> KeyRing.decryptor(decryption("", Map.of("SOPS_AGE_KEY_FILE", missing.toString()))));
        assertEquals("SOPS_AGE_KEY_FILE (kustos.yaml sets no decryption.ageKeyFile): " + missing + ": age identity file does not exist."
                + " Point SOPS_AGE_KEY_FILE or decryption.ageKeyFile at the age key file (AGE-SECRET-KEY-1…) whose public key the repo's"
                + " .sops.yaml encrypts to.", e.getMessage());
        assertEquals("invalid", e.kind());
    }
}
