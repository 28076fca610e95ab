package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kustos validate} and SOPS: a file .sops.yaml says must be encrypted but is not is refused
 * without printing its values; without keys every SOPS file's structure and MAC format are
 * checked; with keys it is decrypted in memory and its MAC verified.
 */
class ValidateChecksSopsFilesTest {
    private static final String SECRETS = "environments/staging/api/secrets.yaml";
    private static final Pattern MAC = Pattern.compile("(mac: ENC\\[AES256_GCM,data:)([^,]+)");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "-o {0}")
    @ValueSource(strings = {"text", "json", "github"})
    void aPlaintextSecretUnderACreationRuleIsRefusedWithoutItsValue(String format) {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(repos.config.resolve("environments/staging/api/new-secrets.yaml"), ValidateRepos.SECRET);
        for (var run : new ValidateRepos.Run[]{repos.validate("-o", format, repos.config.toString()),
                repos.validateWithKey("-o", format, repos.config.toString())}) {
            assertEquals(3, run.code(), run.all());
            assertTrue(run.out().contains("is not encrypted, but .sops.yaml creation_rules[0] (path_regex: "), run.out());
            assertTrue(run.out().contains("environments/staging/api/new-secrets.yaml"), run.out());
            assertFalse(run.all().contains(ValidateRepos.SECRET_VALUE), "the value was printed: " + run.all());
            assertFalse(run.all().contains("sk_live"), run.all());
        }
    }

    @Test
    void aMacNotInSopsFormatIsFoundWithoutKeys() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve(SECRETS);
        ValidateRepos.write(file, MAC.matcher(ValidateRepos.read(file)).replaceFirst("$1%%not-base64%%"));
        var run = repos.validate(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertEquals(file + ":" + lineOf(file, "    mac: ") + ": sops.mac: the MAC is not a valid sops value\n",
                run.out().lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void aTamperedMacIsFoundWithKeys() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve(SECRETS);
        ValidateRepos.write(file, tamperedMac(ValidateRepos.read(file)));
        var run = repos.validateWithKey(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().startsWith(file + ":" + lineOf(file, "    mac: ") + ": sops.mac: the MAC does not authenticate"), run.out());
        assertEquals(0, repos.validate(repos.config.toString()).code(),
                "a MAC in sops's format cannot be checked without the key (README says so)");
    }

    @Test
    void theKeysComeFromSopsAgeKeyFileAndKustosYamlAsForTheOtherCommands() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve(SECRETS);
        ValidateRepos.write(file, tamperedMac(ValidateRepos.read(file)));
        String macError = ": sops.mac: the MAC does not authenticate";
        var fromEnv = repos.validate(java.util.Map.of("SOPS_AGE_KEY_FILE", repos.key.toString()), repos.config.toString());
        assertEquals(3, fromEnv.code(), fromEnv.all());
        assertTrue(fromEnv.out().contains(macError), fromEnv.out());
        Path kustosYaml = dir.resolve("kustos.yaml");
        ValidateRepos.write(kustosYaml, """
                sources:
                  config:   { url: http://127.0.0.1:1/config.git,   branch: main }
                  releases: { url: http://127.0.0.1:1/releases.git, branch: main }
                decryption: { ageKeyFile: age.key }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        var fromConfig = repos.validate("-c", kustosYaml.toString(), repos.config.toString());
        assertEquals(3, fromConfig.code(), fromConfig.all());
        assertTrue(fromConfig.out().contains(macError), fromConfig.out());
    }

    @Test
    void aChangedValueIsFoundWithKeysAtItsLineAndKeyPathInEveryFormat() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve(SECRETS);
        ValidateRepos.write(file, ValidateRepos.read(file).replaceFirst("(STRIPE_KEY: ENC\\[AES256_GCM,data:)(.)", "$1" + "Q"));
        int line = lineOf(file, "    STRIPE_KEY: ");
        String problem = "the value does not authenticate (AES-GCM tag mismatch";
        var text = repos.validateWithKey(repos.config.toString());
        assertEquals(3, text.code(), text.all());
        assertTrue(text.out().startsWith(file + ":" + line + ": stringData.STRIPE_KEY: " + problem), text.out());
        var json = repos.validateWithKey("-o", "json", repos.config.toString());
        assertEquals(3, json.code(), json.all());
        assertTrue(json.out().contains("\"line\" : " + line + ",\n    \"keyPath\" : \"stringData.STRIPE_KEY\",\n    \"message\" : \"" + problem),
                json.out());
        var github = repos.validateWithKey("-o", "github", repos.config.toString());
        assertEquals(3, github.code(), github.all());
        assertTrue(github.out().startsWith("::error file=" + file + ",line=" + line + "::stringData.STRIPE_KEY: " + problem), github.out());
        for (var run : new ValidateRepos.Run[]{text, json, github}) {
            assertFalse(run.all().contains(ValidateRepos.SECRET_VALUE));
            assertFalse(run.all().contains("stringData:STRIPE_KEY"), "sops's form of the key path: " + run.all());
        }
    }

    @Test
    void aManifestProblemInsideAnEncryptedFileIsFoundWithoutKeys() {
        var repos = new ValidateRepos(dir);
        repos.encrypt(SECRETS, ValidateRepos.SECRET.replace("stringData:", "data:\n  PORT: 8080\nstringData:"));
        Path file = repos.config.resolve(SECRETS);
        for (var run : new ValidateRepos.Run[]{repos.validate(repos.config.toString()), repos.validateWithKey(repos.config.toString())}) {
            assertEquals(3, run.code(), run.all());
            assertTrue(run.out().startsWith(file + ":" + lineOf(file, "    PORT: ") + ": data.PORT: must be a string, not a number (quote it)"),
                    run.out());
        }
    }

    @Test
    void aSopsBlockWithoutMasterKeysIsFoundWithoutKeys() {
        var repos = new ValidateRepos(dir);
        Path file = repos.config.resolve(SECRETS);
        ValidateRepos.write(file, ValidateRepos.read(file).replace("    age:\n", "    agex:\n"));
        var run = repos.validate(repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().contains(file + ":" + lineOf(file, "sops:") + ": sops: the sops block names no master key"), run.out());
    }

    /** The MAC with one character of its ciphertext changed, still in sops's format. */
    private static String tamperedMac(String text) {
        Matcher m = MAC.matcher(text);
        assertTrue(m.find());
        String data = m.group(2);
        String changed = (data.charAt(0) == 'A' ? "B" : "A") + data.substring(1);
        return text.substring(0, m.start(2)) + changed + text.substring(m.end(2));
    }

    /** The 1-based line of the first line of {@code file} starting with {@code prefix}. */
    private static int lineOf(Path file, String prefix) {
        var lines = ValidateRepos.read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError(prefix + " not in " + file);
    }
}
