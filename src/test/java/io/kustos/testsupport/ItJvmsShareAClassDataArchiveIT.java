package io.kustos.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kustos JVMs the ITs start map one class-data archive of the jar, recorded by the first apply, diff or run that ends by itself. */
class ItJvmsShareAClassDataArchiveIT {

    @Test
    void aJvmThatEndsRecordsTheArchiveAndTheNextMapsIt(@TempDir Path tmp) {
        Path jar = Path.of("target/kustos.jar").toAbsolutePath();
        try (var h = KustosHarness.start(tmp, TestClusters.open("embedded", tmp), Map.of(
                "environments/staging/app/config.yaml", KustosHarness.configMap("app-config", "A", "1")));
             var first = KustosProcess.start(h, tmp.resolve("runs"), "first", null, "apply")) {
            assertEquals(0, first.awaitExit(Duration.ofMinutes(2)), first.printed());
        }
        // the first JVM of this test run records it as it exits (or another IT's JVM did before): moved into place after
        await("the archive in place").atMost(Duration.ofSeconds(30)).until(() -> ItClassData.next(jar, "version").flags().stream()
                .anyMatch(f -> f.startsWith("-XX:SharedArchiveFile=")));
        String archive = ItClassData.next(jar, "version").flags().stream().filter(f -> f.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        assertTrue(Files.isRegularFile(Path.of(archive.substring(archive.indexOf('=') + 1))), archive);
        try (var second = KustosProcess.startWith(tmp, "second", Map.of(), List.of("version"))) {
            assertEquals(0, second.awaitExit(Duration.ofMinutes(2)), second.printed());
            assertTrue(second.stdout().contains("kustos "), second.printed());
            assertEquals("", second.stderr(), "the JVM says nothing of the archive it maps");
        }
    }
}
