package io.kustos.cli;

import io.kustos.testsupport.KustosRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code kustos history} against a cluster that is down says why (connection refused) and where (the server's URL): exit 5. */
class DeadClusterErrorKeepsTheCauseTest {
    @Test
    void historyNamesTheRefusedConnectionAndTheServer(@TempDir Path tmp) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String server = "https://127.0.0.1:" + port;
        Path kubeconfig = tmp.resolve("dead.kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: dead, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: dead, context: {cluster: dead, user: u}}]
                current-context: dead
                """.formatted(server));
        Path yaml = tmp.resolve("kustos.yaml");
        Files.writeString(yaml, """
                sources:
                  config:   { url: "https://git.example.com/config.git", branch: main }
                  releases: { url: "https://git.example.com/releases.git", branch: main }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        var run = KustosRun.of("history", "--config", yaml.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(5, run.exit(), run.toString());
        assertTrue(run.err().startsWith("error: cannot read staging/kustos-history: "), run.toString());
        assertTrue(run.err().contains("Connection refused"), run.toString());
        assertTrue(run.err().contains(" (API server " + server + "/)"), run.toString());
    }
}
