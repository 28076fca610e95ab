package io.kustos.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A file that is missing, empty or not one YAML mapping is refused with a clear message and line. */
class MalformedFileTest {
    @TempDir
    Path dir;

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments("", "kustos.yaml: the file is empty (it needs at least sources and targets)"),
                arguments("# only a comment\n\n", "kustos.yaml: the file is empty (it needs at least sources and targets)"),
                arguments("---\n", "kustos.yaml: the file is empty (it needs at least sources and targets)"),
                arguments("# kustos\n\n- sources\n- targets\n", "kustos.yaml: line 3: the top level must be a mapping of settings "
                        + "(sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews), found a list"),
                arguments("sources\n", "kustos.yaml: line 1: the top level must be a mapping of settings "
                        + "(sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews), found a string"),
                arguments("sync: { interval: 1m }\nhistory: { limit: 5 }\nsync: {}\n",
                        "kustos.yaml: line 3: \"sync\" appears twice in the same mapping"),
                arguments("sync: { interval: 1m\nhistory: {}\n",
                        "kustos.yaml: line 2, column 8: not valid YAML: expected ',' or '}', but got : "
                                + "(while parsing a flow mapping that starts at line 1, column 7)"),
                arguments("sync:\n  interval: 1m\n prune: true\n",
                        "kustos.yaml: line 3, column 2: not valid YAML: expected <block end>, but found '<block mapping start>' "
                                + "(while parsing a block mapping that starts at line 1, column 1); check the indentation"),
                arguments("sources: &s {}\ntargets: *s\n",
                        "kustos.yaml: line 2: not valid YAML: a YAML alias (*s) is not supported: write the value out where the alias is"),
                arguments(ConfigYaml.MINIMAL + "---\n" + ConfigYaml.MINIMAL,
                        "kustos.yaml: line 7: a second YAML document; kustos.yaml holds exactly one"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void isRefused(String yaml, String expected) {
        assertEquals(expected, ConfigYaml.problems(yaml));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("kustos.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void aRelativeMissingFileIsNamedAsGivenAndWhereItWasLookedFor() {
        Path missing = Path.of("no-such-dir-kustos/kustos.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));
        assertEquals("no-such-dir-kustos/kustos.yaml: no such file (looked for "
                + missing.toAbsolutePath() + ")", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void anEmptyFileOnDisk() throws IOException {
        Path file = Files.writeString(dir.resolve("kustos.yaml"), "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertEquals(file + ": the file is empty (it needs at least sources and targets)", e.getMessage());
        assertEquals("invalid", e.kind());
    }

    @Test
    void notUtf8() throws IOException {
        Path file = Files.write(dir.resolve("kustos.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertEquals(file + ": is not valid UTF-8 text", e.getMessage());
    }
}
