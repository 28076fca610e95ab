package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's kustos.yaml in config-repo-example loads, and its targets match the example repos. */
class ExampleKustosYamlTest {
    private static final Path EXAMPLE = Path.of("config-repo-example").toAbsolutePath();

    private final KustosConfig config = ConfigLoader.load(EXAMPLE.resolve("kustos.yaml"), Map.of());

    @Test
    void sourcesAreTheDirectoriesBesideIt() {
        assertEquals(EXAMPLE.resolve("config").toString(), config.sources().config().url());
        assertEquals(EXAMPLE.resolve("releases").toString(), config.sources().releases().url());
        assertEquals("main", config.sources().config().branch());
    }

    @Test
    void stagingAndProductionSyncEveryThirtySecondsProductionAfterStaging() {
        assertEquals(List.of(new Target("staging", "staging", List.of(), null, null, false),
                new Target("production", "production", List.of(), null, null, false, List.of("staging"))), config.targets());
        assertEquals(Duration.ofSeconds(30), config.sync().interval());
        assertEquals(EXAMPLE.resolve(".kustos-cache"), config.cacheDir());
    }

    /** The example Secrets are SOPS-encrypted, and the key the example kustos.yaml names opens each of them. */
    @Test
    void theKeyItNamesOpensEveryExampleSecret() throws Exception {
        var decryptor = io.kustos.decrypt.KeyRing.decryptor(config.decryption());
        List<Path> secrets;
        try (var files = Files.walk(EXAMPLE.resolve("config/environments"))) {
            secrets = files.filter(f -> f.getFileName().toString().contains("secret")).toList();
        }
        assertEquals(6, secrets.size(), secrets.toString());
        for (Path file : secrets) {
            String text = Files.readString(file);
            assertTrue(text.contains("\nsops:\n") && text.contains("ENC[AES256_GCM,"), file + " is not SOPS-encrypted");
            String plain = new String(decryptor.decrypt(file.toString(), Files.readAllBytes(file)), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(plain.contains("kind: Secret") && !plain.contains("ENC["), file.toString());
        }
        String readme = Files.readString(EXAMPLE.resolve("README.md"));
        assertTrue(readme.contains("encrypted with SOPS") && !readme.contains("plain text"), "config-repo-example/README.md");
    }

    @Test
    void everyTargetHasItsFoldersInBothRepos() {
        for (Target target : config.targets()) {
            Path config = EXAMPLE.resolve("config/environments").resolve(target.environment());
            assertTrue(Files.isRegularFile(config.resolve("common/config.yaml")), config.toString());
            for (String service : List.of("tungsten", "cobalt", "iridium")) {
                assertTrue(Files.isRegularFile(config.resolve(service).resolve("config.yaml")), service);
                assertTrue(Files.isRegularFile(config.resolve(service).resolve("secrets.yaml")), service);
            }
            assertTrue(Files.isRegularFile(EXAMPLE.resolve("releases/environments")
                    .resolve(target.environment()).resolve("release.yaml")));
            assertTrue(Files.isRegularFile(EXAMPLE.resolve("workloads").resolve(target.environment() + ".yaml")));
        }
    }
}
