package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One fast embedded cluster ({@link TestClusters#start()}) for all the tests of a class, with a
 * fabric8 client and a raw HTTP client for it. Test classes run one after another, so the static
 * fields belong to the class running now.
 */
abstract class SharedEmbeddedCluster {

    static EmbeddedCluster cluster;
    static KubernetesClient client;
    static RawApi raw;

    @BeforeAll
    static void startSharedCluster() {
        cluster = TestClusters.start();
        client = cluster.client();
        raw = new RawApi(cluster);
    }

    @AfterAll
    static void stopSharedCluster() {
        cluster.close();
    }
}
