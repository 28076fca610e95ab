package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kustos.yaml with only sources and one target gets a default for everything else. */
class ConfigDefaultsTest {
    private final KustosConfig config = ConfigYaml.parse(ConfigYaml.MINIMAL);

    @Test
    void sourcesFollowMainWithoutCredentials() {
        SourceSpec source = config.sources().config();
        assertEquals("https://git.example.com/platform/config.git", source.url());
        assertEquals("main", source.branch());
        assertEquals(GitAuth.NONE, source.auth());
        assertEquals("main", config.sources().releases().branch());
    }

    @Test
    void targetHasNoExtraNamespacesNoKubeconfigAndRefusesMutableTags() {
        assertEquals(List.of(new Target("staging", "staging", List.of(), null, null, false)), config.targets());
    }

    @Test
    void syncPollsEveryMinutePrunesSelfHealsAndRollsBackWithoutForcing() {
        Sync sync = config.sync();
        assertEquals(Duration.ofMinutes(1), sync.interval());
        assertTrue(sync.prune());
        assertTrue(sync.selfHeal());
        assertTrue(sync.rollbackOnFailure());
        assertEquals(Duration.ofMinutes(5), sync.rolloutTimeout());
        assertEquals(16, sync.concurrency());
        assertFalse(sync.force());
    }

    @Test
    void historyServerAndDecryptionDefaults() {
        assertEquals(50, config.history().limit());
        assertEquals(8080, config.server().port());
        assertNull(config.server().webhookSecretFile());
        assertEquals(Decryption.NONE, config.decryption());
    }

    @Test
    void cacheDirIsBesideKustosYaml() {
        assertEquals(Path.of("/etc/kustos/.kustos-cache"), config.cacheDir());
    }

    @Test
    void emptySectionsAndNullsMeanDefaults() {
        KustosConfig withEmpty = ConfigYaml.parse(ConfigYaml.MINIMAL + """
                sync:
                history: ~
                server: {}
                decryption:
                  ageKeyFile: null
                """);
        assertEquals(Sync.DEFAULT, withEmpty.sync());
        assertEquals(HistorySettings.DEFAULT, withEmpty.history());
        assertEquals(Server.DEFAULT, withEmpty.server());
        assertEquals(Decryption.NONE, withEmpty.decryption());
    }
}
