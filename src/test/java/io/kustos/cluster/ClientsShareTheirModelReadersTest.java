package io.kustos.cluster;

import io.kustos.config.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Issue 18 point 1: every client reads with one shared serialization, so that the readers {@link ModelReaders} makes
 * as a short command starts (Jackson's, per mapper) are the ones its clients use, and each type's reader is made once
 * in a process, not once per client.
 */
class ClientsShareTheirModelReadersTest {
    @TempDir
    Path tmp;

    @Test
    void clientsOfDifferentServersReadWithTheOneSerializationTheEarlyReadersArePreparedIn() throws IOException {
        Path east = kubeconfig(tmp.resolve("east"), "http://127.0.0.1:16443");
        Path west = kubeconfig(tmp.resolve("west"), "https://west.example.com:6443");
        try (var clients = new ClusterClients(null, null)) {
            var eastClient = clients.forTarget(new Target("dev", "dev", List.of(), east, null, false));
            var westClient = clients.forTarget(new Target("prod", "prod", List.of(), west, null, false));

            assertNotSame(eastClient, westClient, "two servers, two clients");
            assertSame(ModelReaders.serialization(), eastClient.getKubernetesSerialization());
            assertSame(ModelReaders.serialization(), westClient.getKubernetesSerialization());
        }
    }

    @Test
    void theReadersAreMadeOnceInAProcessHoweverOftenTheyAreAskedFor() {
        ModelReaders.prepare(); // the first in this JVM, or one after a command's or a client's warm-up made them
        ModelReaders.prepare();
        ModelReaders.prepare();

        assertEquals(1, ModelReaders.timesMade(), "each type's readers made once: later calls find them made");
    }

    private static Path kubeconfig(Path file, String server) throws IOException {
        return Files.writeString(file, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"" + server
                + "\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n");
    }
}
