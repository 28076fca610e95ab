package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SOPS_AGE_KEY_FILE gives the age key when kustos.yaml names none, as it does for sops. */
class SopsAgeKeyFileTest {
    private static final Map<String, String> ENV = Map.of("SOPS_AGE_KEY_FILE", "/run/secrets/age.key");

    private static KustosConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, ConfigYaml.DIR, "kustos.yaml", env);
    }

    @Test
    void fillsAgeKeyFileWhenKustosYamlHasNoDecryption() {
        assertEquals(new Decryption(Path.of("/run/secrets/age.key"), List.of(), null, true),
                parse(ConfigYaml.MINIMAL, ENV).decryption());
    }

    @Test
    void fillsAgeKeyFileBesideOtherDecryptionSettings() {
        Decryption d = parse(ConfigYaml.MINIMAL + "decryption: { pgpKeyFiles: [keys/ops.asc] }\n", ENV).decryption();
        assertEquals(new Decryption(Path.of("/run/secrets/age.key"), List.of(Path.of("/etc/kustos/keys/ops.asc")), null, true), d);
    }

    @Test
    void kustosYamlWins() {
        Decryption d = parse(ConfigYaml.MINIMAL + "decryption: { ageKeyFile: keys/age.key }\n", ENV).decryption();
        assertEquals(Path.of("/etc/kustos/keys/age.key"), d.ageKeyFile());
    }

    @Test
    void unsetOrEmptyMeansNoKey() {
        assertEquals(Decryption.NONE, parse(ConfigYaml.MINIMAL, Map.of()).decryption());
        assertEquals(Decryption.NONE, parse(ConfigYaml.MINIMAL, Map.of("SOPS_AGE_KEY_FILE", "")).decryption());
    }

    @Test
    void aRelativeValueIsRelativeToTheWorkingDirectoryLikeForSops() {
        Decryption d = parse(ConfigYaml.MINIMAL, Map.of("SOPS_AGE_KEY_FILE", "age.key")).decryption();
        assertEquals(Path.of("age.key").toAbsolutePath(), d.ageKeyFile());
    }
}
