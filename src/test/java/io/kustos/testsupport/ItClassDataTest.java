package io.kustos.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ITs' class-data archive is keyed on the whole JDK, and one recorded deletes the stale others. */
class ItClassDataTest {

    @Test
    void theArchivesNameHoldsTheJdksFullVersionAndHome(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("kustos.jar"), "not a jar");
        String name = ItClassData.archive(jar, tmp).getFileName().toString();
        assertTrue(name.contains("-" + Runtime.version() + "-"), name); // 17.0.15+6-…: an update in place records anew
        String home = System.getProperty("java.home");
        try {
            System.setProperty("java.home", home + "-other-vendor");
            assertNotEquals(name, ItClassData.archive(jar, tmp).getFileName().toString(), "another JDK of the same version records anew");
        } finally {
            System.setProperty("java.home", home);
        }
    }

    @Test
    void anArchiveRecordedDeletesTheStaleOnes(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("kustos.jar"), "not a jar");
        Path dir = tmp.resolve("it-class-data");
        Files.createDirectories(dir);
        Path stale = Files.writeString(dir.resolve("kustos-1234-5678-17.jsa"), "an earlier jar's");
        Path other = Files.writeString(dir.resolve("notes.txt"), "not an archive");
        var use = ItClassData.next(jar, "apply", dir);
        String flag = use.flags().stream().filter(f -> f.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow();
        Files.writeString(Path.of(flag.substring(flag.indexOf('=') + 1)), "what the JVM recorded"); // as the JVM does at its exit
        use.onExit().run();
        assertTrue(Files.isRegularFile(ItClassData.archive(jar, dir)));
        assertFalse(Files.exists(stale), "the stale archive is deleted");
        assertTrue(Files.exists(other));
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count());
        }
    }
}
