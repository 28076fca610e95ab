package io.kustos.cluster;

import io.kustos.config.Target;
import io.kustos.failure.FailureKind;
import io.kustos.failure.TransientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review 10 W5: a reconcile or a shard look still running while the daemon stops asks for a client after
 * {@link ClusterClients#close()}. It gets a transient "shutting down" failure, not a new client on a new
 * Vert.x that nothing would close. Nothing here connects: fabric8 builds its clients lazily.
 */
class NoClientAfterCloseTest {
    @TempDir
    Path tmp;

    @Test
    void afterCloseNeitherATargetsClusterNorTheHomeClientIsBuilt() throws IOException {
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"http://127.0.0.1:1\"}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\n");
        var staging = new Target("staging", "staging", List.of(), null, null, false);
        var clients = new ClusterClients(kubeconfig, null);
        assertNotNull(clients.cluster(staging).client(), "open: a client");
        clients.close();

        var target = assertThrows(TransientException.class, () -> clients.cluster(staging));
        assertEquals(FailureKind.TRANSIENT, target.reason().kind());
        assertTrue(target.getMessage().contains("shutting down"), target.getMessage());
        assertThrows(TransientException.class, () -> clients.forTarget(staging));
        assertThrows(TransientException.class, clients::home);
        clients.close(); // a second close is harmless
    }
}
