package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets are read from their files with one trailing line break removed. */
class SecretFileTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"tok\n\"     | tok",
        "\"tok\r\n\"   | tok",
        "\"tok\"       | tok",
        "\" tok \n\"   | \" tok \"",
        "\"tok\n\n\"   | \"tok\n\"",
    })
    void trailingLineBreakIsRemoved(String content, String expected) throws Exception {
        Path file = tmp.resolve("secret");
        Files.writeString(file, content);
        assertEquals(expected, SecretFile.read("config", "tokenFile", file));
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        Path file = tmp.resolve("empty");
        Files.writeString(file, "\n");
        var e = assertThrows(SourceException.class, () -> SecretFile.read("config", "passwordFile", file));
        assertEquals("source 'config': passwordFile " + file + " is empty", e.getMessage());
    }

    @Test
    void unreadableFileIsNamedWithoutContent() throws Exception {
        Path dir = tmp.resolve("a-directory");
        Files.createDirectories(dir);
        var e = assertThrows(SourceException.class, () -> SecretFile.read("config", "passwordFile", dir));
        assertTrue(e.getMessage().startsWith("source 'config': cannot read passwordFile " + dir), e.getMessage());
        assertFalse(e.getMessage().contains("null"));
    }
}
