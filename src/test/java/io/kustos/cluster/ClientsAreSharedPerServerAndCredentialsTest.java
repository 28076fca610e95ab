package io.kustos.cluster;

import io.kustos.config.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17, point 3: targets in many clusters. Targets whose kubeconfigs and contexts lead to the
 * same API server with the same credentials share one fabric8 client (one pool of connections,
 * one set of watches), however their files and contexts are named; another server or another
 * user gets its own. Nothing here connects: fabric8 builds its clients lazily.
 */
class ClientsAreSharedPerServerAndCredentialsTest {
    @TempDir
    Path tmp;

    /** A kubeconfig with one context per {@code contexts[i]}, each to {@code server} as a user of token {@code token}. */
    private Path kubeconfig(String file, String server, String token, String... contexts) throws IOException {
        var sb = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"" + server
                + "\", insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: " + token + "}\ncontexts:\n");
        for (String c : contexts) {
            sb.append("- name: ").append(c).append("\n  context: {cluster: c, user: u}\n");
        }
        sb.append("current-context: ").append(contexts[0]).append("\n");
        Path path = tmp.resolve(file);
        Files.writeString(path, sb.toString());
        return path;
    }

    private static Target target(String env, Path kubeconfig, String context) {
        return new Target(env, env, List.of(), kubeconfig, context, false);
    }

    @Test
    void oneClientPerServerAndCredentialsWhateverTheFileOrContext() throws IOException {
        Path east = kubeconfig("east.kubeconfig", "https://east.example.com:6443", "token-a", "east", "east-alias");
        Path copy = kubeconfig("copy-of-east.kubeconfig", "https://east.example.com:6443", "token-a", "another-name");
        Path otherUser = kubeconfig("east-other-user.kubeconfig", "https://east.example.com:6443", "token-b", "east");
        Path west = kubeconfig("west.kubeconfig", "https://west.example.com:6443", "token-a", "west");
        try (var clients = new ClusterClients(null, null)) {
            TargetCluster first = clients.cluster(target("dev", east, "east"));
            assertSame(first.client(), clients.cluster(target("staging", east, null)).client(), "the current-context named or not");
            assertSame(first.client(), clients.cluster(target("qa", east, "east-alias")).client(), "another context, same server and user");
            assertSame(first.client(), clients.cluster(target("perf", copy, null)).client(), "another file, same server and user");
            assertSame(first.client(), clients.forTarget(target("demo", copy, "another-name")));

            TargetCluster other = clients.cluster(target("audit", otherUser, null));
            TargetCluster far = clients.cluster(target("production", west, null));
            assertNotSame(first.client(), other.client(), "another user (token) of the same server has a client of its own");
            assertNotSame(first.client(), far.client(), "another server has a client of its own");
            assertNotSame(other.client(), far.client());

            assertEquals("context \"east\" (API server https://east.example.com:6443/)", first.name(), "messages name the context and server");
            assertEquals("context \"west\" (API server https://west.example.com:6443/)", far.name());
        }
    }

    /**
     * A user whose token an exec plugin mints anew at every call (as {@code aws eks get-token} does), named by two
     * contexts: one cluster, one client. The minted token is left out of the key; the plugin's command is in it.
     */
    @Test
    void anExecPluginThatMintsATokenPerCallIsOneCluster() throws IOException {
        Path plugin = tmp.resolve("mint-token");
        Files.writeString(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\","
                + "\"status\":{\"token\":\"'\"$(date +%s%N)-$$\"'\"}}'\n");
        assertTrue(plugin.toFile().setExecutable(true));
        Path eks = tmp.resolve("eks.kubeconfig");
        Files.writeString(eks, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://eks.example.com", insecure-skip-tls-verify: true}}]
                users:
                - name: u
                  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "%s", args: [token, --cluster, c]}}
                - name: v
                  user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "%s", args: [token, --cluster, other]}}
                contexts: [{name: east, context: {cluster: c, user: u}}, {name: east-alias, context: {cluster: c, user: u}},
                           {name: as-v, context: {cluster: c, user: v}}]
                current-context: east
                """.formatted(plugin, plugin));
        try (var clients = new ClusterClients(null, null)) {
            TargetCluster first = clients.cluster(target("dev", eks, "east"));
            assertSame(first.client(), clients.cluster(target("qa", eks, "east-alias")).client(),
                    "the same user's plugin, whatever token it minted this time");
            assertNotSame(first.client(), clients.cluster(target("audit", eks, "as-v")).client(), "another plugin call is another user");
        }
    }

    @Test
    void theKeyHoldsNoCredentialInTheClear() throws IOException {
        Path east = kubeconfig("east.kubeconfig", "https://east.example.com:6443", "a-secret-token", "east");
        var config = new KubeconfigResolver(name -> null, tmp, tmp.resolve("no-service-account"))
                .resolve(ClusterSelection.of(null, null, target("dev", east, null))).config();
        ClusterKey key = ClusterKey.of(config);
        assertEquals("https://east.example.com:6443/", key.server());
        assertFalse(key.toString().contains("a-secret-token"), key.toString());
    }
}
