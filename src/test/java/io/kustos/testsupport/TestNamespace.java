package io.kustos.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test cluster ({@link TestClusters#open}) with a namespace of its own, for an IT that works on
 * the API directly (a history store, a lock) without the rest of {@link KustosHarness}. Closing it
 * deletes the namespace and closes the cluster.
 */
public record TestNamespace(TestCluster cluster, String name) implements AutoCloseable {

    /** {@code clusterName}'s cluster (embedded or realkube) with a new namespace. */
    public static TestNamespace open(String clusterName, Path tmp) {
        TestCluster cluster = TestClusters.open(clusterName, tmp);
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "kn-" + HexFormat.of().formatHex(random);
        cluster.createNamespace(name);
        return new TestNamespace(cluster, name);
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    @Override
    public void close() {
        try {
            cluster.client().namespaces().withName(name).delete();
        } catch (RuntimeException ignored) {
            // the embedded cluster is thrown away anyway; a real one cleans up the namespace later
        }
        cluster.close();
    }
}
