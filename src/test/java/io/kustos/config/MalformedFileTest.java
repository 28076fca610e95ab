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
                        + "(sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews, sharding), found a list"),
                arguments("sources\n", "kustos.yaml: line 1: the top level must be a mapping of settings "
                        + "(sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews, sharding), found a string"),
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

    /** kustos.yaml has the limit of a repo file, 5 MiB, refused naming the file (exit 3) before more is read. */
    @Test
    void aFileOverTheLimitIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("kustos.yaml");
        Files.write(file, ("sources: {}\n# " + "x".repeat(6_000_000 - 15) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertEquals(file + ": is 6000000 bytes, over the limit of 5 MiB (5242880 bytes)", e.getMessage());
        assertEquals("invalid", e.kind());
    }

    /** A pipe has no size to look at: it is read up to the limit and no further. */
    @Test
    void aPipeOverTheLimitIsRefusedAtTheLimit() throws Exception {
        Path fifo = dir.resolve("kustos.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write("sources: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                byte[] line = ("# " + "x".repeat(1021) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i < 6 * 1024; i++) {
                    out.write(line);
                }
            } catch (IOException closedByTheReader) {
                // the reader stopped at the limit
            }
        });
        writer.start();
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(fifo, Map.of()));
        writer.join();
        assertEquals(fifo + ": is more than 5242880 bytes, over the limit of 5 MiB (5242880 bytes)", e.getMessage());
    }

    /** Text given as a string (not read from a file) meets the same limit in the YAML reader. */
    @Test
    void textOverTheLimitIsRefusedByTheReader() {
        String yaml = "sources: {}\n# " + "x".repeat(io.kustos.text.StrictYamlFactory.MAX_BYTES) + "\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, dir, "kustos.yaml", Map.of()));
        assertEquals("kustos.yaml: is more than 5242880 bytes, over the limit of 5 MiB (5242880 bytes)", e.getMessage());
    }

}
