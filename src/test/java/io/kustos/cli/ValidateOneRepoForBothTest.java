package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With a kustos.yaml whose sources are one repo for both (one url and branch), validate checks each DIR as
 * both, as the daemon reads it: a repo without an environment's release.yaml is refused there, exit 3. With two DIRs,
 * each is checked by its layout.
 */
class ValidateOneRepoForBothTest {
    @TempDir
    Path dir;

    @Test
    void aMissingReleaseManifestIsAProblemAtItsPath() {
        var repos = new ValidateRepos(dir);
        var run = repos.validate("-c", kustosYaml("platform.git", "platform.git").toString(), repos.config.toString());
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().contains(repos.config.resolve("environments/staging/release.yaml")
                + ": the release repo has no release manifest for environment staging: add environments/staging/release.yaml ("), run.out());
        assertFalse(run.all().contains(ValidateRepos.SECRET_VALUE));
    }

    @Test
    void theOneRepoWithItsReleaseManifestPasses() {
        var repos = new ValidateRepos(dir);
        ValidateRepos.write(repos.config.resolve("environments/staging/release.yaml"), ValidateRepos.RELEASE);
        var run = repos.validate("-c", kustosYaml("platform.git", "platform.git").toString(), repos.config.toString());
        assertEquals(0, run.code(), run.all());
        assertEquals("no problems in " + repos.config + " (config repo and release repo)\n", run.out());
    }

    @Test
    void twoReposAreToldApartByTheirLayoutAsBefore() {
        var repos = new ValidateRepos(dir);
        var run = repos.validate("-c", kustosYaml("config.git", "releases.git").toString(), repos.config.toString());
        assertEquals(0, run.code(), run.all());
        assertEquals("no problems in " + repos.config + " (config repo)\n", run.out());
    }

    /**
     * Two DIRs cannot both be the one repo kustos.yaml names (a second checkout, the other half of a split): each
     * is then told apart by its layout, as without that kustos.yaml, not refused for what it does not claim to hold.
     */
    @Test
    void twoDirsAreEachCheckedByTheirLayout() {
        var repos = new ValidateRepos(dir);
        var run = repos.validate("-c", kustosYaml("platform.git", "platform.git").toString(), repos.config.toString(),
                repos.releases.toString());
        assertEquals(0, run.code(), run.all());
        assertFalse(run.out().contains("release manifest"), run.out());
    }

    /** A kustos.yaml with the target staging, its sources on loopback (never contacted). */
    private Path kustosYaml(String config, String releases) {
        Path file = dir.resolve("kustos.yaml");
        ValidateRepos.write(file, "sources: { config: { url: 'http://127.0.0.1:1/%s' }, releases: { url: 'http://127.0.0.1:1/%s' } }\n"
                .formatted(config, releases) + "targets: [ { environment: staging, namespace: staging } ]\n");
        return file;
    }
}
