package io.kustos.cluster;

import io.kustos.config.Target;
import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A context or kubeconfig that does not exist is an error naming it, never another cluster:
 * fabric8 alone falls back to the current-context, or to kubernetes.default.svc.
 */
class UnknownContextIsRefusedTest {
    @TempDir
    Path tmp;

    private Path kubeconfig(String name, String current, String... contexts) throws IOException {
        var sb = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        for (String c : contexts) {
            sb.append("- name: ").append(c).append("\n  cluster: {server: \"https://").append(c).append(".example.com:6443\"}\n");
        }
        sb.append("users:\n- name: u\n  user: {token: t}\ncontexts:\n");
        for (String c : contexts) {
            sb.append("- name: ").append(c).append("\n  context: {cluster: ").append(c).append(", user: u}\n");
        }
        if (current != null) {
            sb.append("current-context: ").append(current).append("\n");
        }
        Path file = tmp.resolve(name);
        Files.writeString(file, sb.toString());
        return file;
    }

    private KubeconfigResolver resolver(Map<String, String> env) {
        return new KubeconfigResolver(env::get, tmp.resolve("home"), tmp.resolve("serviceaccount"));
    }

    private static Target target(Path kubeconfig, String context) {
        return new Target("staging", "staging", List.of(), kubeconfig, context, false);
    }

    @Test
    void anUnknownContextOptionNamesTheContextTheFileAndTheContextsThere() throws IOException {
        Path file = kubeconfig("kc", "staging", "staging", "prod");
        try (var clients = new ClusterClients(file, "prdo", resolver(Map.of()))) {
            var e = assertThrows(StallingException.class, () -> clients.forTarget(target(null, null)));
            assertEquals("context \"prdo\" (--context) does not exist in kubeconfig " + file + "; contexts there: staging, prod."
                    + " Name one of those, or add the context to the kubeconfig (kubectl config set-context).", e.getMessage());
        }
    }

    @Test
    void anUnknownContextOfATargetNamesTheKustosYamlField() throws IOException {
        Path file = kubeconfig("kc", "staging", "staging", "prod");
        try (var clients = new ClusterClients(null, null, resolver(Map.of()))) {
            var e = assertThrows(StallingException.class, () -> clients.forTarget(target(file, "prdo")));
            assertTrue(e.getMessage().startsWith("context \"prdo\" (kustos.yaml: target staging: context) does not exist in kubeconfig "
                    + file + "; contexts there: staging, prod."), e.getMessage());
        }
    }

    @Test
    void aKnownContextIsUsedAndTheCurrentContextOtherwise() throws IOException {
        Path file = kubeconfig("kc", "staging", "staging", "prod");
        var resolver = resolver(Map.of());
        assertEquals("https://prod.example.com:6443/",
                resolver.resolve(ClusterSelection.of(file, "prod", target(null, null))).config().getMasterUrl());
        assertEquals("https://staging.example.com:6443/",
                resolver.resolve(ClusterSelection.of(null, null, target(file, null))).config().getMasterUrl());
    }

    @Test
    void aMissingKubeconfigFileIsNamedWithWhereItWasGiven() {
        Path missing = tmp.resolve("nope.kubeconfig");
        var resolver = resolver(Map.of());
        var option = assertThrows(StallingException.class, () -> resolver.resolve(ClusterSelection.of(missing, null, target(null, null))));
        assertEquals("kubeconfig " + missing + " (--kubeconfig) does not exist. Fix the path, or leave it out to use $KUBECONFIG or ~/.kube/config.",
                option.getMessage());
        var field = assertThrows(StallingException.class, () -> resolver.resolve(ClusterSelection.of(null, null, target(missing, null))));
        assertTrue(field.getMessage().startsWith("kubeconfig " + missing + " (kustos.yaml: target staging: kubeconfig) does not exist."), field.getMessage());
        var variable = assertThrows(StallingException.class, () -> resolver(Map.of("KUBECONFIG", missing.toString()))
                .resolve(ClusterSelection.of(null, null, target(null, null))));
        assertTrue(variable.getMessage().startsWith("kubeconfig " + missing + " ($KUBECONFIG) does not exist."), variable.getMessage());
    }

    @Test
    void kubeconfigFromTheEnvironmentAndTheHomeFolderIsCheckedToo() throws IOException {
        Path a = kubeconfig("a", null, "dev");
        Path b = kubeconfig("b", "dev", "test");
        var merged = resolver(Map.of("KUBECONFIG", a + File.pathSeparator + b)).resolve(ClusterSelection.of(null, null, target(null, null)));
        assertEquals(List.of(a, b), merged.files());
        assertEquals("dev", merged.context());
        var e = assertThrows(StallingException.class, () -> resolver(Map.of("KUBECONFIG", a + File.pathSeparator + b))
                .resolve(ClusterSelection.of(null, "prod", target(null, null))));
        assertTrue(e.getMessage().startsWith("context \"prod\" (--context) does not exist in kubeconfigs [" + a + ", " + b + "]; contexts there: dev, test."),
                e.getMessage());

        Files.createDirectories(tmp.resolve("home/.kube"));
        Path user = Files.copy(a, tmp.resolve("home/.kube/config"));
        var noCurrent = assertThrows(StallingException.class, () -> resolver(Map.of()).resolve(ClusterSelection.of(null, null, target(null, null))));
        assertEquals("kubeconfig " + user + " sets no current-context; contexts there: dev. Name one with --context NAME or context: of the"
                + " target in kustos.yaml (or kubectl config use-context NAME).", noCurrent.getMessage());
        assertEquals("dev", resolver(Map.of()).resolve(ClusterSelection.of(null, "dev", target(null, null))).context());
    }

    @Test
    void noKubeconfigAtAllListsWhereItLookedAndWhatToDo() {
        var e = assertThrows(StallingException.class, () -> resolver(Map.of()).resolve(ClusterSelection.of(null, null, target(null, null))));
        assertEquals("no kubeconfig found. Looked at: kustos.yaml: target staging: kubeconfig (not given), $KUBECONFIG (not set), "
                + tmp.resolve("home/.kube/config") + " (does not exist), the in-cluster service account " + tmp.resolve("serviceaccount/token")
                + " (does not exist: not in a pod). Name a kubeconfig file with --kubeconfig FILE or kubeconfig: of the target in kustos.yaml,"
                + " or export KUBECONFIG=FILE.", e.getMessage());
        assertFalse(e.getMessage().contains("kubernetes.default.svc"));
    }

    @Test
    void inAPodTheServiceAccountIsUsedButNotWithAContext() throws IOException {
        Files.createDirectories(tmp.resolve("serviceaccount"));
        Files.writeString(tmp.resolve("serviceaccount/token"), "t");
        assertEquals(List.of(), resolver(Map.of()).resolve(ClusterSelection.of(null, null, target(null, null))).files());
        var e = assertThrows(StallingException.class, () -> resolver(Map.of()).resolve(ClusterSelection.of(null, "prod", target(null, null))));
        assertTrue(e.getMessage().startsWith("no kubeconfig found for context \"prod\" (--context)."), e.getMessage());
    }
}
