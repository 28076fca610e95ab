package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every field of kustos.yaml set, as in the architecture document, comes through as written. */
class FullConfigTest {
    private static final String FULL = """
            sources:
              config:
                url: https://git.example.com/platform/config.git
                branch: main
                auth: { username: kustos, tokenFile: /etc/kustos/git/token }
              releases:
                url: git@git.example.com:platform/releases.git
                branch: release/2024-q3
                auth: { sshKeyFile: /etc/kustos/git/id_ed25519, knownHostsFile: /etc/kustos/git/known_hosts }
            decryption:
              ageKeyFile: /etc/kustos/keys/age.key
              pgpKeyFiles: [/etc/kustos/keys/ops.asc, /etc/kustos/keys/backup.asc]
              pgpPassphraseFile: /etc/kustos/keys/passphrase
            targets:
              - { environment: staging,    namespace: staging }
              - environment: production
                namespace: production
                allowedNamespaces: [production-jobs, monitoring]
                kubeconfig: /etc/kustos/prod.kubeconfig
                context: prod
                allowMutableTags: false
            sync: { interval: 1m, prune: true, selfHeal: false, rollbackOnFailure: true, rolloutTimeout: 10m, force: true,
                    concurrency: 32, environmentConcurrency: 3 }
            history: { limit: 200 }
            server: { port: 9090, webhookSecretFile: /etc/kustos/webhook-secret }
            cacheDir: /var/cache/kustos
            """;

    /** No timeout set: half of the 1m interval. */
    private static final Duration HALF_INTERVAL = Duration.ofSeconds(30);

    private final KustosConfig config = ConfigYaml.parse(FULL);

    @Test
    void sources() {
        assertEquals(new SourceSpec("https://git.example.com/platform/config.git", "main",
                new GitAuth("kustos", null, Path.of("/etc/kustos/git/token"), null, null), null, HALF_INTERVAL), config.sources().config());
        assertEquals(new SourceSpec("git@git.example.com:platform/releases.git", "release/2024-q3",
                new GitAuth("git", null, null, Path.of("/etc/kustos/git/id_ed25519"), Path.of("/etc/kustos/git/known_hosts")), null, HALF_INTERVAL),
                config.sources().releases());
    }

    @Test
    void decryption() {
        assertEquals(new Decryption(Path.of("/etc/kustos/keys/age.key"),
                List.of(Path.of("/etc/kustos/keys/ops.asc"), Path.of("/etc/kustos/keys/backup.asc")),
                Path.of("/etc/kustos/keys/passphrase")), config.decryption());
    }

    @Test
    void targets() {
        assertEquals(List.of(
                new Target("staging", "staging", List.of(), null, null, false),
                new Target("production", "production", List.of("production-jobs", "monitoring"),
                        Path.of("/etc/kustos/prod.kubeconfig"), "prod", false)), config.targets());
        assertEquals("prod", config.target("production").context());
    }

    @Test
    void syncHistoryServerCache() {
        assertEquals(new Sync(Duration.ofMinutes(1), true, false, true, Duration.ofMinutes(10), true, false, 32, 3, null), config.sync());
        assertEquals(new HistorySettings(200), config.history());
        assertEquals(new Server(9090, Path.of("/etc/kustos/webhook-secret")), config.server());
        assertEquals(Path.of("/var/cache/kustos"), config.cacheDir());
    }
}
