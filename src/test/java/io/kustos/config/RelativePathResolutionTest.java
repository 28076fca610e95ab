package io.kustos.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Relative paths and local source URLs in kustos.yaml are relative to the directory of kustos.yaml. */
class RelativePathResolutionTest {
    private static final Path DIR = Path.of("/etc/kustos");

    private static final String RELATIVE = """
            sources:
              config:
                url: https://git.example.com/platform/config.git
                auth: { passwordFile: secrets/git-password }
              releases:
                url: ssh://git@git.example.com/platform/releases.git
                auth: { sshKeyFile: ./ssh/id_ed25519, knownHostsFile: ../shared/known_hosts }
            decryption:
              ageKeyFile: keys/age.key
              pgpKeyFiles: [keys/ops.asc, /abs/backup.asc]
              pgpPassphraseFile: keys/passphrase
            targets:
              - { environment: production, namespace: production, kubeconfig: clusters/prod.kubeconfig }
            server: { webhookSecretFile: webhook-secret }
            cacheDir: cache
            """;

    private final KustosConfig config = ConfigYaml.parse(RELATIVE);

    @Test
    void credentialFilesResolveAgainstTheConfigDirectory() {
        assertEquals(Path.of("/etc/kustos/secrets/git-password"), config.sources().config().auth().passwordFile());
        assertEquals(Path.of("/etc/kustos/ssh/id_ed25519"), config.sources().releases().auth().sshKeyFile());
        assertEquals(Path.of("/etc/shared/known_hosts"), config.sources().releases().auth().knownHostsFile());
    }

    @Test
    void keyFilesResolveAndAbsolutePathsStay() {
        assertEquals(new Decryption(Path.of("/etc/kustos/keys/age.key"),
                List.of(Path.of("/etc/kustos/keys/ops.asc"), Path.of("/abs/backup.asc")),
                Path.of("/etc/kustos/keys/passphrase")), config.decryption());
    }

    @Test
    void kubeconfigWebhookSecretAndCacheDirResolve() {
        assertEquals(Path.of("/etc/kustos/clusters/prod.kubeconfig"), config.target("production").kubeconfig());
        assertEquals(Path.of("/etc/kustos/webhook-secret"), config.server().webhookSecretFile());
        assertEquals(Path.of("/etc/kustos/cache"), config.cacheDir());
    }

    @Test
    void remoteUrlsAreKeptAsWritten() {
        assertEquals("ssh://git@git.example.com/platform/releases.git", config.sources().releases().url());
    }

    @Test
    void localSourceUrlsResolve() {
        KustosConfig local = ConfigYaml.parse("""
                sources:
                  config:   { url: ./config }
                  releases: { url: "file://../repos/releases.git" }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        assertEquals("/etc/kustos/config", local.sources().config().url());
        assertEquals("file:///etc/repos/releases.git", local.sources().releases().url());
    }

    @Test
    void absoluteLocalSourceUrlsStay() {
        KustosConfig local = ConfigYaml.parse("""
                sources:
                  config:   { url: /srv/git/config.git }
                  releases: { url: "file:///srv/git/releases.git" }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        assertEquals("/srv/git/config.git", local.sources().config().url());
        assertEquals("file:///srv/git/releases.git", local.sources().releases().url());
    }

    @Test
    void loadResolvesAgainstTheDirectoryOfTheFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("etc")).resolve("kustos.yaml"), RELATIVE);
        KustosConfig loaded = ConfigLoader.load(file, Map.of());
        assertEquals(tmp.resolve("etc/keys/age.key"), loaded.decryption().ageKeyFile());
        assertEquals(tmp.resolve("etc/cache"), loaded.cacheDir());
    }

    @Test
    void loadPutsTheDefaultCacheBesideTheFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("kustos.yaml"), ConfigYaml.MINIMAL);
        assertEquals(tmp.resolve(".kustos-cache"), ConfigLoader.load(file, Map.of()).cacheDir());
    }
}
