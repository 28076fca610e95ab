package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CI runner has the repos but not the age key file kustos.yaml names: a kustos.yaml validate was
 * not given (-c's default, ./kustos.yaml) gives the targets but never keys; one -c names whose key
 * file is missing is a problem of its field {@code decryption.ageKeyFile}, saying what to do, in
 * every output format (a GitHub annotation too), while the repos are still checked; exit 3.
 */
class ValidateInCiWithoutTheKeysKustosYamlNamesTest {
    private static final String CONFIG = "environments/staging/api/config.yaml";

    @TempDir
    Path dir;

    private Path kustosYamlNamingAMissingKey() {
        Path file = dir.resolve("kustos.yaml");
        ValidateRepos.write(file, """
                sources:
                  config:   { url: http://127.0.0.1:1/config.git,   branch: main }
                  releases: { url: http://127.0.0.1:1/releases.git, branch: main }
                decryption: { ageKeyFile: /etc/kustos/keys/absent-age.key }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        return file;
    }

    @Test
    void kustosYamlNotGivenGivesTheTargetsButNoKeys() {
        var repos = new ValidateRepos(dir);
        Path kustosYaml = kustosYamlNamingAMissingKey();
        var clean = repos.validateBeside(kustosYaml, repos.config.toString(), repos.releases.toString());
        assertEquals(0, clean.code(), clean.all());
        assertEquals("", clean.err());

        ValidateRepos.write(repos.config.resolve(CONFIG), ValidateRepos.CONFIG_MAP.replace("name: api-config", "name: api-config\n  namespace: other"));
        var run = repos.validateBeside(kustosYaml, repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().startsWith(repos.config.resolve(CONFIG) + ":5: metadata.namespace: namespace other is not allowed for environment staging (allowed: staging)\n"),
                "its targets are read: " + run.out());
        assertTrue(run.out().endsWith("\n1 problem in " + repos.config + " (config repo)\n"), run.out());
    }

    @Test
    void aMissingKeyFileOfTheKustosYamlGivenIsAProblemOfItsFieldInEveryFormat() throws Exception {
        var repos = new ValidateRepos(dir);
        Path kustosYaml = kustosYamlNamingAMissingKey();
        ValidateRepos.write(repos.config.resolve(CONFIG), ValidateRepos.CONFIG_MAP.replace("PORT: \"8080\"", "PORT: 8080"));
        String message = "/etc/kustos/keys/absent-age.key: age identity file does not exist. Point decryption.ageKeyFile at the age key"
                + " file (AGE-SECRET-KEY-1…) whose public key the repo's .sops.yaml encrypts to. Or, to check the SOPS files' structure only,"
                + " run validate without -c and --key (a kustos.yaml in the current directory still gives the targets, never keys)";

        var text = repos.validate("-c", kustosYaml.toString(), repos.config.toString());
        assertEquals(3, text.code(), text.all());
        assertEquals("", text.err());
        assertEquals(kustosYaml + ": decryption.ageKeyFile: " + message + "\n"
                + repos.config.resolve(CONFIG) + ":7: data.PORT: must be a string, not a number (quote it)\n"
                + "2 problems in " + repos.config + " (config repo)\n", text.out());

        var json = repos.validate("-c", kustosYaml.toString(), "-o", "json", repos.config.toString());
        assertEquals(3, json.code(), json.all());
        JsonNode first = new ObjectMapper().readTree(json.out()).at("/problems/0");
        assertEquals(kustosYaml.toString(), first.get("file").asText());
        assertEquals("decryption.ageKeyFile", first.get("keyPath").asText());
        assertEquals(message, first.get("message").asText());

        var github = repos.validate("-c", kustosYaml.toString(), "-o", "github", repos.config.toString());
        assertEquals(3, github.code(), github.all());
        assertTrue(github.out().startsWith("::error file=" + kustosYaml + "::decryption.ageKeyFile: " + message + "\n::error file="),
                github.out());
    }
}
