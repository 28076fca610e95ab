package io.kustos.config;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static io.kustos.config.ConfigYaml.TARGETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code timeout:} of a source bounds each git operation (default 60s, or half of sync.interval when
 * shorter: {@link GitTimeoutIsShorterThanTheIntervalTest}); ssh host keys are checked
 * unless a source opts out with {@code auth.insecureIgnoreHostKey: true}.
 */
class SourceTimeoutAndHostKeyConfigTest {

    @Test
    void defaults() {
        var config = ConfigYaml.parse(MINIMAL);
        assertEquals(Duration.ofSeconds(30), config.sources().config().timeout(), "half of the default interval, 1m");
        assertFalse(config.sources().config().auth().insecureIgnoreHostKey());
    }

    @Test
    void asWritten() {
        var config = ConfigYaml.parse("""
                sources:
                  config:   { url: https://git.example.com/platform/config.git, timeout: 2m }
                  releases: { url: "ssh://git@git.example.com:2222/platform/releases.git", timeout: 15s,
                              auth: { sshKeyFile: id_ed25519, insecureIgnoreHostKey: true } }
                sync: { interval: 5m }
                """ + TARGETS);
        assertEquals(Duration.ofMinutes(2), config.sources().config().timeout());
        assertEquals(Duration.ofSeconds(15), config.sources().releases().timeout());
        assertTrue(config.sources().releases().auth().insecureIgnoreHostKey());
    }

    static Stream<Arguments> badOnes() {
        String releases = "platform/releases.git }";
        return Stream.of(
                arguments(MINIMAL.replace(releases, "platform/releases.git, timeout: 500ms }"),
                        "kustos.yaml: sources.releases.timeout: \"500ms\" is too short (at least 1s)"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, timeout: soon }"),
                        "kustos.yaml: sources.releases.timeout: \"soon\" is not a duration (use e.g. 30s, 5m, 1h30m)"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, auth: { insecureIgnoreHostKey: true } }"),
                        "kustos.yaml: sources.releases.auth.insecureIgnoreHostKey: only used with ssh:// and git@host:path URLs"),
                arguments(MINIMAL.replace("https://git.example.com/platform/releases.git }",
                                "\"git@git.example.com:platform/releases.git\", auth: { knownHostsFile: kh, insecureIgnoreHostKey: true } }"),
                        "kustos.yaml: sources.releases.auth: set knownHostsFile or insecureIgnoreHostKey, not both"));
    }

    @ParameterizedTest
    @MethodSource("badOnes")
    void badSettingsAreNamedWithTheirPath(String yaml, String expected) {
        assertEquals(expected, ConfigYaml.problems(yaml));
    }
}
