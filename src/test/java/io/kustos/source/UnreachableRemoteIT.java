package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.failure.TransientException;
import io.kustos.bench.GitHttpServer;
import io.kustos.testsupport.TestRepos;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote that cannot be reached is a retryable SourceException naming it; a repository the
 * server does not have is a configuration error (exit 3) naming the setting.
 */
class UnreachableRemoteIT {
    @TempDir
    Path tmp;

    @Test
    void closedPortIsATransientErrorNamingSourceAndUrl() throws Exception {
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/config.git";
        var source = new GitSource("config", new SourceSpec(url, "main", null), tmp.resolve("cache"), Duration.ofSeconds(5));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e instanceof TransientException);
        assertTrue(e.getMessage().startsWith("source 'config' (" + url + "): "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("connection"), e.getMessage());
    }

    @Test
    void unknownRepositoryOnAServerIsAConfigurationError() throws Exception {
        TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n")).close();
        try (var server = GitHttpServer.start(tmp.resolve("repos"))) {
            var source = new GitSource("config", new SourceSpec(server.url("missing.git"), "main", null), tmp.resolve("cache"));

            var e = assertThrows(SourceConfigException.class, source::poll);

            assertTrue(e.getMessage().startsWith("source 'config' (" + server.url("missing.git") + "): repository not found;"
                    + " check the path in sources.config.url"), e.getMessage());
        }
    }

    @Test
    void anUnresolvableHostIsNamedReadably() {
        String url = "https://kustos-no-such-host.invalid/platform/config.git";
        var source = new GitSource("config", new SourceSpec(url, "main", null), tmp.resolve("cache"), Duration.ofSeconds(5));

        var e = assertThrows(SourceException.class, source::poll);

        assertEquals("source 'config' (" + url + "): cannot resolve host kustos-no-such-host.invalid of source config;"
                + " check the host name in sources.config.url and the DNS", e.getMessage());
    }
}
