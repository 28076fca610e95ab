package io.kustos.runtime;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos run} whose {@code server.port} is taken exits 5 at once with one line naming
 * host:port and {@code server.port}, before any reconcile: it does not say "listening" and keep
 * reconciling without an HTTP server (no probe, no webhook would ever reach it).
 */
class PortTakenIT {

    @Test
    void aTakenPortExitsFiveWithOneLineBeforeAnyReconcile(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of("environments/staging/app/config.yaml",
                configMap("app-config", "A", "1")));
             var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: %d, host: 127.0.0.1 }
                    """.formatted(port));

            KustosRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> h.kustos("run"), "kustos run kept running");

            assertEquals(5, run.exit(), run.toString());
            String reason = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no error line: " + run));
            assertTrue(reason.contains("127.0.0.1:" + port) && reason.contains("server.port"), reason);
            assertEquals(List.of(reason), run.err().lines().toList(), "one line on stderr, nothing else: " + run);
            assertEquals("", run.out(), run.toString());
            assertFalse(run.all().contains("listening"), run.toString());
            assertFalse(run.all().contains("\tat "), "no stack trace: " + run);
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get(),
                    "nothing may be reconciled");
        }
    }
}
