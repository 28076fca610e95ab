package io.kustos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.config.GitAuth;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.bench.GitHttpServer;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kustos blame} against a config repo on a loopback git server (real git http-backend):
 * after commits by several people, each key of a ConfigMap and of a SOPS-encrypted Secret (age key
 * made for this test) is attributed to the commit that last changed it; commits of another
 * environment are not even read; a commit that does not render is skipped with a note; no value
 * is ever printed.
 */
class BlameIT {
    private static final String CONFIG = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String PROD = "environments/production/app/config.yaml";

    @TempDir
    Path tmp;
    GitHttpServer server;
    TestRepo config;
    TestRepo releases;
    Path kustosYaml;
    X25519Identity identity;
    String token1;
    String token2;
    String password;
    final Map<String, String> shas = new java.util.HashMap<>();

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Path repos = tmp.resolve("repos");
        Files.createDirectories(repos);
        identity = X25519Identity.generate(new SecureRandom());
        Path keyFile = Files.writeString(tmp.resolve("age.key"), identity.encodeSecret() + "\n");
        token1 = "tok-" + random();
        token2 = "tok-" + random();
        password = "pw-" + random();
        config = TestRepos.create(repos, "config", Map.of(
                CONFIG, configMap("app-config", "LOG_LEVEL", "info", "TIMEOUT", "30s", "FEATURE_X", "on"),
                SECRETS, encrypt(secret("app-secrets", "TOKEN", token1, "DB_PASSWORD", password)),
                PROD, configMap("app-config", "LOG_LEVEL", "warn")));
        shas.put("alice", config.head());
        releases = TestRepos.create(repos, "releases", Map.of("environments/staging/release.yaml", "x: 1\n"));
        server = GitHttpServer.start(repos);
        kustosYaml = tmp.resolve("kustos.yaml");
        Files.writeString(kustosYaml, """
                sources:
                  config:   { url: "%s" }
                  releases: { url: "%s" }
                decryption: { ageKeyFile: %s }
                targets:
                  - { environment: staging, namespace: staging }
                  - { environment: production, namespace: production }
                cacheDir: cache
                """.formatted(server.url("config.git"), server.url("releases.git"), keyFile));

        commitAs("bob", "Longer timeout", Map.of(CONFIG, configMap("app-config", "LOG_LEVEL", "info", "TIMEOUT", "60s", "FEATURE_X", "on")));
        commitAs("carol", "Production only", Map.of(PROD, configMap("app-config", "LOG_LEVEL", "error")));
        commitAs("dave", "Rotate the token", Map.of(SECRETS, encrypt(secret("app-secrets", "TOKEN", token2, "DB_PASSWORD", password))));
        commitAs("erin", "Drop FEATURE_X", Map.of(CONFIG, configMap("app-config", "LOG_LEVEL", "info", "TIMEOUT", "60s")));
        commitAs("frank", "Bring FEATURE_X back", Map.of(CONFIG, configMap("app-config", "LOG_LEVEL", "info", "TIMEOUT", "60s", "FEATURE_X", "on")));
        commitAs("grace", "Debug logging (broken)", Map.of(CONFIG,
                configMap("app-config", "LOG_LEVEL", "debug", "TIMEOUT", "60s", "FEATURE_X", "on").replace("\"debug\"", "[debug]")));
        commitAs("heidi", "Debug logging, fixed", Map.of(CONFIG, configMap("app-config", "LOG_LEVEL", "debug", "TIMEOUT", "60s", "FEATURE_X", "on")));
    }

    @AfterEach
    void tearDown() {
        server.close();
        config.close();
        releases.close();
    }

    @Test
    void eachConfigMapKeyNamesTheCommitThatLastChangedIt() throws Exception {
        var run = blame("cm/app-config", "--environment", "staging");
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).matches("KEY +CHANGE +COMMIT +AUTHOR +DATE +SUBJECT"), lines.get(0));
        assertRow(lines.get(1), "FEATURE_X", "added", "frank", "Bring FEATURE_X back");
        assertRow(lines.get(2), "LOG_LEVEL", "changed", "heidi", "Debug logging, fixed");
        assertRow(lines.get(3), "TIMEOUT", "changed", "bob", "Longer timeout");
        assertEquals("note: skipped " + shas.get("grace").substring(0, 7) + " (\"Debug logging (broken)\"): does not render: config:"
                + CONFIG + ": data.LOG_LEVEL: must be a string, not a list\n", run.err().replaceAll("(?m)^(?!note).*\n", ""));
        assertFalse(run.all().contains("60s") || run.all().contains("debug\""), "no values: " + run);
    }

    @Test
    void encryptedSecretKeysAreAttributedByTheirDecryptedValuesWhichAreNeverShown() throws Exception {
        var run = blame("secret/app-secrets", "-e", "staging");
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertRow(lines.get(1), "DB_PASSWORD", "added", "alice", "initial commit");
        assertRow(lines.get(2), "TOKEN", "changed", "dave", "Rotate the token");
        for (String value : List.of(token1, token2, password)) {
            assertFalse(run.all().contains(value), "a secret value was printed: " + run);
        }
    }

    @Test
    void oneKeyAsJsonReadsOnlyTheCommitsOfItsEnvironment() throws Exception {
        var run = blame("configmap/app-config", "TIMEOUT", "--environment", "staging", "--output", "json");
        assertEquals(0, run.exit(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("staging", json.get("environment").asText());
        assertEquals("ConfigMap", json.at("/object/kind").asText());
        assertEquals("staging", json.at("/object/namespace").asText());
        assertEquals("main@sha1:" + shas.get("heidi"), json.get("revision").asText());
        assertEquals(1, json.get("keys").size());
        JsonNode key = json.get("keys").get(0);
        assertEquals("TIMEOUT", key.get("key").asText());
        assertEquals("changed", key.get("change").asText());
        assertEquals(shas.get("bob"), key.get("commit").asText());
        assertEquals("Bob", key.get("author").asText());
        assertEquals("bob@example.com", key.get("authorEmail").asText());
        assertEquals("Longer timeout", key.get("subject").asText());
        assertEquals(shas.get("grace"), json.at("/skipped/0/commit").asText());
        // heidi, grace, frank, erin, dave, bob, alice: carol's production-only commit is filtered out of the walk
        assertEquals(7, json.get("commitsRead").asInt());
    }

    @Test
    void theSourceIsPolledFirstSoANewCommitIsSeen() throws Exception {
        assertEquals(0, blame("cm/app-config", "LOG_LEVEL", "-e", "staging").exit());
        commitAs("ivan", "Quieter", Map.of(CONFIG, configMap("app-config", "LOG_LEVEL", "warn", "TIMEOUT", "60s", "FEATURE_X", "on")));
        var run = blame("cm/app-config", "LOG_LEVEL", "-e", "staging");
        assertEquals(0, run.exit(), run.toString());
        assertRow(run.out().lines().toList().get(1), "LOG_LEVEL", "changed", "ivan", "Quieter");
    }

    @Test
    void errorsAndExitCodes() throws Exception {
        var never = blame("cm/app-config", "NOPE", "-e", "staging");
        assertEquals(3, never.exit(), never.toString());
        assertTrue(never.err().contains("error: key NOPE was never in configmap/staging/app-config in the history of environment staging"), never.toString());

        var noObject = blame("secret/nope", "-e", "staging");
        assertEquals(3, noObject.exit(), noObject.toString());
        assertTrue(noObject.err().contains("error: secret/nope is not in environment staging at main@sha1:" + shas.get("heidi")), noObject.toString());

        var badKind = blame("deployment/app", "-e", "staging");
        assertEquals(2, badKind.exit(), badKind.toString());
        assertTrue(badKind.err().contains("kind \"deployment\" is not in the config repo"), badKind.toString());

        var which = blame("cm/app-config");
        assertEquals(3, which.exit(), which.toString());
        assertTrue(which.err().contains("error: kustos blame acts on one environment: name it with --environment ("
                + kustosYaml + " defines staging, production)"), which.toString());

        var production = blame("cm/app-config", "-e", "production");
        assertEquals(0, production.exit(), production.toString());
        assertRow(production.out().lines().toList().get(1), "LOG_LEVEL", "changed", "carol", "Production only");

        var unknownEnv = blame("cm/app-config", "-e", "qa");
        assertEquals(3, unknownEnv.exit(), unknownEnv.toString());
        assertTrue(unknownEnv.err().contains("has no environment \"qa\" (it defines staging, production)"), unknownEnv.toString());
    }

    private void assertRow(String line, String key, String change, String who, String subject) {
        String name = Character.toUpperCase(who.charAt(0)) + who.substring(1);
        String author = who.equals("alice") ? TestRepo.AUTHOR + " <" + TestRepo.EMAIL + ">" : name + " <" + who + "@example.com>";
        String regex = java.util.regex.Pattern.quote(key) + " +" + change + " +" + shas.get(who).substring(0, 7) + " +"
                + java.util.regex.Pattern.quote(author)
                + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC +" + java.util.regex.Pattern.quote(subject);
        assertTrue(line.matches(regex), line + "\n  does not match " + regex);
    }

    private void commitAs(String who, String message, Map<String, String> files) throws Exception {
        for (var f : files.entrySet()) {
            config.workspace().writeFile(f.getKey(), f.getValue());
        }
        String name = Character.toUpperCase(who.charAt(0)) + who.substring(1);
        shas.put(who, config.workspace().commitAll(message, name, who + "@example.com"));
        config.workspace().push(config.fileUrl(), GitAuth.NONE);
    }

    private Run blame(String... args) {
        var all = new java.util.ArrayList<>(List.of(args));
        all.add("--config");
        all.add(kustosYaml.toString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new BlameCommand()).execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String encrypt(String plaintext) throws Exception {
        return io.kustos.testsupport.SopsFiles.encryptForAge(tmp, identity.recipient(), plaintext);
    }

    private static String random() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
