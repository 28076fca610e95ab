package io.kustos.cluster;

import io.kustos.config.Target;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kustos looks for ~/.kube/config under $HOME as kubectl does (user.home only when HOME is unset),
 * and a wrong $KUBECONFIG is not answered with "use $KUBECONFIG".
 */
class KubeconfigLookupLikeKubectlTest {
    @TempDir
    Path tmp;

    private static final ClusterSelection ANY = ClusterSelection.of(null, null, new Target("staging", "staging", List.of(), null, null, false));

    @Test
    void homeComesFromTheHomeVariable() throws Exception {
        Path home = tmp.resolve("alice");
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://alice.example.com:6443"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """);
        var kubeconfig = KubeconfigResolver.of(Map.of("HOME", home.toString())::get).resolve(ANY);
        assertEquals(List.of(home.resolve(".kube/config")), kubeconfig.files());
        assertEquals("https://alice.example.com:6443/", kubeconfig.config().getMasterUrl());
    }

    @Test
    void withoutHomeTheJvmsUserHomeIsUsed() {
        assertEquals(Path.of(System.getProperty("user.home")), KubeconfigResolver.of(Map.<String, String>of()::get).home());
    }

    @Test
    void aWrongKubeconfigVariableSaysToUnsetIt() {
        Path missing = tmp.resolve("nope/env.yaml");
        var e = assertThrows(StallingException.class, () -> new KubeconfigResolver(Map.of("KUBECONFIG", missing.toString())::get,
                tmp.resolve("home"), tmp.resolve("sa")).resolve(ANY));
        assertEquals("kubeconfig " + missing + " ($KUBECONFIG) does not exist. Fix the path, or unset KUBECONFIG to use ~/.kube/config.",
                e.getMessage());
    }
}
