package io.kustos.config;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.testsupport.SopsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A SOPS file no key of this machine opens: the error says where Kustos takes its keys from (the
 * config file that -c named, its decryption fields, or SOPS_AGE_KEY_FILE) and what to do.
 */
class WrongKeyErrorSaysWhereKeysComeFromTest {
    private static final String SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  K: v\n";

    @TempDir
    Path tmp;

    private String failure(String yaml, Map<String, String> env) throws Exception {
        var random = new SecureRandom();
        String encrypted = SopsFiles.encryptForAge(tmp, X25519Identity.generate(random).recipient(), SECRET);
        Decryption d = ConfigLoader.parse(ConfigYaml.MINIMAL + yaml, tmp, "missingkey.yaml", env).decryption();
        var e = assertThrows(DecryptionException.class,
                () -> KeyRing.decryptor(d).decrypt("config:secrets.yaml", encrypted.getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("K: v"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWrongAgeKeyNamesTheFieldOfTheConfigFileAndWhatToDo() throws Exception {
        Files.writeString(tmp.resolve("other.key"), X25519Identity.generate(new SecureRandom()).encodeSecret() + "\n");
        String m = failure("decryption: { ageKeyFile: other.key }\n", Map.of());
        assertTrue(m.startsWith("config:secrets.yaml: key error at sops: no master key of this machine opens the data key"), m);
        assertTrue(m.contains("The age keys are read from " + tmp.resolve("other.key") + " (missingkey.yaml: decryption.ageKeyFile)"), m);
        assertTrue(m.contains("Give Kustos the private key of one of the recipients listed there, or re-encrypt the file"
                + " for this machine's key with `kustos updatekeys`"), m);
    }

    @Test
    void noKeyAtAllNamesBothPlacesAKeyCanBeSet() throws Exception {
        String m = failure("", Map.of());
        assertTrue(m.contains("No age key file is set (missingkey.yaml: decryption.ageKeyFile, or SOPS_AGE_KEY_FILE)"), m);
        assertTrue(m.contains("missingkey.yaml: decryption.pgpKeyFiles"), m);
        assertTrue(m.contains("`kustos updatekeys`"), m);
    }

    @Test
    void aMissingKeyFileNamesTheConfigFileThatCNamed() {
        Decryption d = ConfigLoader.parse(ConfigYaml.MINIMAL + "decryption: { ageKeyFile: gone.key }\n", tmp, "missingkey.yaml", Map.of()).decryption();
        var e = assertThrows(DecryptionException.class, () -> KeyRing.decryptor(d));
        assertTrue(e.getMessage().startsWith("missingkey.yaml: decryption.ageKeyFile: " + tmp.resolve("gone.key")), e.getMessage());
    }
}
