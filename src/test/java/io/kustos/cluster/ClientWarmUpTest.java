package io.kustos.cluster;

import io.kustos.config.Target;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: {@code kustos apply} and {@code diff} build their clients while git is polled
 * ({@link ClientWarmUp}): the reconcile then uses the client made ready, no request is sent for it, and
 * a target whose kubeconfig is wrong is left to the reconcile to report, as before.
 */
class ClientWarmUpTest {
    @TempDir
    Path tmp;

    private Path kubeconfig(int port) throws IOException {
        return Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"http://127.0.0.1:"
                + port + "\"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n");
    }

    private static Target target(String env, Path kubeconfig) {
        return new Target(env, env, List.of(), kubeconfig, null, false);
    }

    @Test
    void theReconcileUsesTheClientMadeReadyAndNoRequestIsSent() throws Exception {
        try (var server = new ServerSocket(0); var clients = new ClusterClients(null, null)) {
            server.setSoTimeout(1);
            Path file = kubeconfig(server.getLocalPort());
            Target staging = target("staging", file);
            try (var warmUp = ClientWarmUp.start(clients, List.of(staging, target("production", file)))) {
                assertNotNull(warmUp);
            }
            Files.delete(file); // were the client not built yet, its kubeconfig would now be missing
            assertNotNull(clients.forTarget(staging), "the client built by the warm-up");
            assertEquals(0, clients.counter().reads() + clients.counter().writes() + clients.counter().failed(), clients.counter().toString());
            assertThrows(java.net.SocketTimeoutException.class, server::accept, "no connection to the API server");
        }
    }

    @Test
    void aTargetWhoseKubeconfigIsMissingIsLeftToTheReconcile() {
        Target broken = target("staging", tmp.resolve("no-such-kubeconfig"));
        try (var clients = new ClusterClients(null, null)) {
            ClientWarmUp.start(clients, List.of(broken)).close(); // no exception here
            assertThrows(StallingException.class, () -> clients.forTarget(broken), "reported by the reconcile, as before");
        }
    }
}
