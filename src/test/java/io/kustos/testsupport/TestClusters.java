package io.kustos.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.embedded.EmbeddedCluster;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Opens the cluster a parameterized test names. The real API server (realkube) is used when
 * {@code KUSTOS_REALKUBE_KUBECONFIG} points at its kubeconfig ({@code .ci/run} starts it and sets
 * it); otherwise those tests are skipped with that reason.
 */
public final class TestClusters {
    public static final String REALKUBE_ENV = "KUSTOS_REALKUBE_KUBECONFIG";

    private TestClusters() {
    }

    public static TestCluster open(String name, Path tmp) {
        return switch (name) {
            case "embedded" -> embedded(tmp);
            case "realkube" -> realkube();
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static TestCluster embedded(Path tmp) {
        EmbeddedCluster cluster = EmbeddedCluster.start(0);
        Path kubeconfig = tmp.resolve("embedded.kubeconfig");
        cluster.writeKubeconfig(kubeconfig);
        return new TestCluster() {
            public String name() {
                return "embedded";
            }

            public Path kubeconfig() {
                return kubeconfig;
            }

            public KubernetesClient client() {
                return cluster.client();
            }

            public void createNamespace(String ns) {
                cluster.createNamespace(ns);
            }

            public OptionalLong serverWrites() {
                return OptionalLong.of(cluster.requests().writes());
            }

            public OptionalLong serverWritesBesidesHistory() {
                return OptionalLong.of(cluster.requests().count(e -> e.isWrite() && !e.dryRun()
                        && !e.path().contains("/configmaps/kustos-history") && !e.path().endsWith("/events")
                        && !(e.method().equals("POST") && e.path().endsWith("/configmaps")) // the history's creates: Kustos applies its ConfigMaps
                        && !e.path().contains("/leases/"))); // nor the write lock
            }

            public OptionalLong serverRequests(java.util.function.Predicate<String> request) {
                return OptionalLong.of(cluster.requests().count(e -> request.test(e.method() + " " + e.path())));
            }

            public OptionalLong serverWatches(java.util.function.Predicate<String> request) {
                return OptionalLong.of(cluster.requests().count(e -> e.query().contains("watch=true") && request.test(e.method() + " " + e.path())));
            }

            public void resetCounts() {
                cluster.requests().reset();
            }

            public void close() {
                cluster.close();
            }

            public String toString() {
                return "embedded";
            }
        };
    }

    public static TestCluster realkube() {
        String path = System.getenv(REALKUBE_ENV);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            String reason = "real API server not running: " + REALKUBE_ENV + " is not set (bash .ci/run builds and starts it)";
            System.err.println("SKIPPED on realkube: " + reason);
            Assumptions.abort(reason);
        }
        Path kubeconfig = Path.of(path);
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, Files.readString(kubeconfig), path)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCluster() {
            public String name() {
                return "realkube";
            }

            public Path kubeconfig() {
                return kubeconfig;
            }

            public KubernetesClient client() {
                return client;
            }

            public void createNamespace(String ns) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            }

            public OptionalLong serverWrites() {
                return OptionalLong.empty();
            }

            public OptionalLong serverWritesBesidesHistory() {
                return OptionalLong.empty();
            }

            public void resetCounts() {
            }

            public void close() {
                client.close();
            }

            public String toString() {
                return "realkube";
            }
        };
    }
}
