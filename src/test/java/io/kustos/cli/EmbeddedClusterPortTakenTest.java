package io.kustos.cli;

import io.kustos.testsupport.KustosRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos cluster --port P} and {@code kustos demo --port P} on a port another process holds:
 * one error line that names the address, says it is in use and which option chose it; exit 5.
 */
class EmbeddedClusterPortTakenTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cluster", "demo"})
    void aTakenPortIsNamedWithTheOptionAndExitsFive(String command) throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            KustosRun run = KustosRun.of(command, "--port", String.valueOf(port));
            assertEquals(5, run.exit(), run.toString());
            assertEquals(List.of("error: cannot listen on 127.0.0.1:" + port + ": address already in use (--port)"),
                    run.err().lines().toList(), run.toString());
        }
    }
}
