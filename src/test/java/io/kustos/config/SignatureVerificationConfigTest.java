package io.kustos.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static io.kustos.config.ConfigYaml.TARGETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code verify: { trustedKeyFiles: [...] }} under a source turns on commit signature verification. */
class SignatureVerificationConfigTest {

    @Test
    void offByDefault() {
        var config = ConfigYaml.parse(MINIMAL);
        assertNull(config.sources().config().verify());
        assertFalse(config.sources().config().verifiesSignatures());
    }

    @Test
    void trustedKeyFilesResolveAgainstTheDirectoryOfKustosYaml() {
        var config = ConfigYaml.parse("""
                sources:
                  config:
                    url: https://git.example.com/platform/config.git
                    verify: { trustedKeyFiles: [keys/alice.asc, /etc/keys/bob.asc] }
                  releases: { url: https://git.example.com/platform/releases.git }
                """ + TARGETS);
        SourceSpec spec = config.sources().config();
        assertTrue(spec.verifiesSignatures());
        assertEquals(new SignatureVerification(List.of(Path.of("/etc/kustos/keys/alice.asc"), Path.of("/etc/keys/bob.asc"))),
                spec.verify());
        assertEquals(new SourceSpec("https://git.example.com/platform/config.git", "main", GitAuth.NONE, spec.verify(),
                java.time.Duration.ofSeconds(30)), spec);
        assertFalse(config.sources().releases().verifiesSignatures());
    }

    static Stream<Arguments> badOnes() {
        String releases = "platform/releases.git }";
        return Stream.of(
                arguments(MINIMAL.replace(releases, "platform/releases.git, verify: {} }"),
                        "kustos.yaml: sources.releases.verify.trustedKeyFiles: required: at least one file of armored OpenPGP public keys"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, verify: { trustedKeyFiles: [] } }"),
                        "kustos.yaml: sources.releases.verify.trustedKeyFiles: required: at least one file of armored OpenPGP public keys"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, verify: { trustedKeysFile: k.asc } }"),
                        "kustos.yaml: sources.releases.verify.trustedKeysFile: unknown field (known: trustedKeyFiles)\n"
                                + "kustos.yaml: sources.releases.verify.trustedKeyFiles: required: at least one file of armored OpenPGP public keys"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, verify: { trustedKeyFiles: k.asc } }"),
                        "kustos.yaml: sources.releases.verify.trustedKeyFiles: expected a list, found a string"),
                arguments(MINIMAL.replace(releases, "platform/releases.git, verify: true }"),
                        "kustos.yaml: sources.releases.verify: expected a mapping, found a boolean"));
    }

    @ParameterizedTest
    @MethodSource("badOnes")
    void badSettingsAreNamedWithTheirPath(String yaml, String expected) {
        assertEquals(expected, ConfigYaml.problems(yaml));
    }
}
