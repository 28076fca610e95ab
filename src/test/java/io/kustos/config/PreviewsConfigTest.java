package io.kustos.config;

import io.kustos.config.PullRequestPreviews.Forge;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code previews:} of kustos.yaml: off by default, defaults per forge, every bad value named by its path. */
class PreviewsConfigTest {

    @Test
    void offWhenAbsent() {
        assertNull(ConfigYaml.parse(ConfigYaml.MINIMAL).previews());
    }

    @Test
    void defaultsForGitHub() {
        PullRequestPreviews p = ConfigYaml.parse(ConfigYaml.MINIMAL + """
                previews: { forge: github, tokenFile: secrets/forge-token, configRepo: platform/config }
                """).previews();
        assertEquals(new PullRequestPreviews(Forge.GITHUB, "https://api.github.com", Path.of("/etc/kustos/secrets/forge-token"),
                "platform/config", null, false, 3, Duration.ofSeconds(2)), p);
    }

    @Test
    void everyFieldComesThrough() {
        PullRequestPreviews p = ConfigYaml.parse(ConfigYaml.MINIMAL + """
                previews:
                  forge: gitlab
                  apiUrl: https://gitlab.example.com/api/v4/
                  tokenFile: secrets/gl
                  configRepo: platform/team/config
                  releasesRepo: platform/releases
                  allowForks: true
                  retries: 5
                  retryDelay: 100ms
                """).previews();
        assertEquals(new PullRequestPreviews(Forge.GITLAB, "https://gitlab.example.com/api/v4", Path.of("/etc/kustos/secrets/gl"),
                "platform/team/config", "platform/releases", true, 5, Duration.ofMillis(100)), p);
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        String message = ConfigYaml.problems(ConfigYaml.MINIMAL + """
                previews: { forge: bitbucket, token: inline, configRepo: "a/b/c", allowForks: yes please, retries: 99 }
                """);
        for (String expected : List.of(
                "previews.forge: \"bitbucket\" is not a forge Kustos speaks to: github, gitlab or gitea",
                "previews.token: unknown field",
                "previews.tokenFile: required",
                "previews.allowForks: \"yes please\" is not a boolean",
                "previews.retries: 99 is out of range")) {
            assertTrue(message.contains(expected), expected + " missing from:\n" + message);
        }
    }

    @Test
    void giteaNeedsItsApiUrlAndARepo() {
        String message = ConfigYaml.problems(ConfigYaml.MINIMAL + """
                previews: { forge: gitea, tokenFile: t }
                """);
        assertTrue(message.contains("previews.apiUrl: required"), message);
        assertTrue(message.contains("set configRepo or releasesRepo or both"), message);
    }

    @Test
    void ownerNameOutsideGitLab() {
        String message = ConfigYaml.problems(ConfigYaml.MINIMAL + """
                previews: { forge: github, tokenFile: t, configRepo: "group/sub/config" }
                """);
        assertTrue(message.contains("previews.configRepo: \"group/sub/config\" is not owner/name"), message);
    }
}
