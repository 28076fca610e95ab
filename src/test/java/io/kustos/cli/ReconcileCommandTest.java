package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code kustos reconcile} without {@code sharding:} is refused before any request: exit 3, saying what to do instead. */
class ReconcileCommandTest {
    @Test
    void withoutShardingItSaysToSendAWebhook(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("kustos.yaml");
        Files.writeString(yaml, """
                sources:
                  config:   { url: "https://git.example.com/config.git" }
                  releases: { url: "https://git.example.com/releases.git" }
                targets:
                  - { environment: staging, namespace: staging }
                """);
        var err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute("reconcile", "--config", yaml.toString(), "--kubeconfig", tmp.resolve("none").toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(3, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("sharding.enabled is off in kustos.yaml: send a webhook to kustos run instead"),
                err.toString(StandardCharsets.UTF_8));
    }
}
