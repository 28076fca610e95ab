package io.kustos.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kustos JVMs the ITs start map one class-data archive of the jar, recorded by the first apply, diff or run that ends by itself. */
class ItJvmsShareAClassDataArchiveIT {

    private static Optional<String> mapped(ItClassData.Use use) {
        return use.flags().stream().filter(f -> f.startsWith("-XX:SharedArchiveFile=")).findFirst();
    }

    @Test
    void aJvmThatEndsRecordsTheArchiveAndTheNextMapsIt(@TempDir Path tmp) throws IOException {
        Path classData = tmp.resolve("class-data"); // a directory of its own: this test's first JVM records, whatever other ITs did
        var recording = ItClassData.next(KustosProcess.JAR, "apply", classData);
        assertTrue(recording.flags().stream().anyMatch(f -> f.startsWith("-XX:ArchiveClassesAtExit=")), recording.flags().toString());
        try (var h = KustosHarness.start(tmp, TestClusters.open("embedded", tmp), Map.of(
                "environments/staging/app/config.yaml", KustosHarness.configMap("app-config", "A", "1")));
             var first = KustosProcess.startWith(tmp.resolve("runs"), "first", recording, List.of(), KustosProcess.args(h, "apply"))) {
            assertEquals(0, first.awaitExit(Duration.ofMinutes(2)), first.printed());
        }
        // moved into place once the first JVM has exited
        await("the archive in place").atMost(Duration.ofSeconds(30)).until(() -> mapped(ItClassData.next(KustosProcess.JAR, "version", classData)).isPresent());
        var mapping = ItClassData.next(KustosProcess.JAR, "version", classData);
        assertTrue(Files.isRegularFile(ItClassData.archive(KustosProcess.JAR, classData)), mapping.flags().toString());
        // -Xshare:on: a JVM that cannot map the archive refuses to start (with the default, auto, it runs without it and,
        // its messages off, says nothing); class+load: Kustos's main class comes from the recorded archive (its top layer),
        // not from the jar nor the JDK's own base archive
        Path loaded = tmp.resolve("second.classes");
        try (var second = KustosProcess.startWith(tmp, "second", mapping, List.of("-Xshare:on", "-Xlog:class+load=info:file=" + loaded), List.of("version"))) {
            assertEquals(0, second.awaitExit(Duration.ofMinutes(2)), second.printed());
            assertTrue(second.stdout().contains("kustos "), second.printed());
            assertEquals("", second.stderr(), "the JVM says nothing of the archive it maps");
        }
        String classes = Files.readString(loaded);
        assertTrue(classes.contains("io.kustos.cli.Main source: shared objects file (top)"),
                classes.lines().filter(l -> l.contains("io.kustos.cli.Main ")).toList().toString());
    }
}
