package io.kustos.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI's pass on Java 25 leaves out the classes marked {@link LauncherScriptOnly}: the mark is only for classes that run the
 * launcher script with stand-in JDKs and never a JVM of the JDK under test (read from their sources).
 */
class LauncherScriptOnlyTest {
    private static final Pattern MARK = Pattern.compile("(?m)^@LauncherScriptOnly\\b");
    /** What would make a class run code on the test's JDK beyond the script: that JDK's java, the built jar, Kustos's Main. */
    private static final Pattern REAL_JVM = Pattern.compile("java\\.home|\"target/kustos\\.jar\"|Main\\.execute|KustosRun\\b|KustosProcess\\b");

    @Test
    void onlyClassesThatRunTheScriptWithStandInJdksAreMarked() throws IOException {
        List<Path> marked = marked();
        assertTrue(marked.size() >= 2, "the launcher's test classes are marked: " + marked);
        for (Path source : marked) {
            String text = Files.readString(source);
            assertTrue(text.contains("StandInJdk"), source + " is marked @LauncherScriptOnly but runs no stand-in JDK");
            assertEquals(List.of(), REAL_JVM.matcher(text).results().map(r -> r.group()).toList(),
                    source + " is marked @LauncherScriptOnly but runs code on the test's JDK");
        }
    }

    private static List<Path> marked() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return MARK.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
