package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        var run = CommandRun.of("reconcile", "--config", yaml.toString(), "--kubeconfig", tmp.resolve("none").toString());
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("sharding.enabled is off in kustos.yaml: send a webhook to kustos run instead"), run.err());
    }
}
