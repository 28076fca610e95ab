package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespacesAndOwnersTest extends SharedEmbeddedCluster {


    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        KubernetesClientException e = assertThrows(KubernetesClientException.class, () ->
                client.configMaps().inNamespace("missing").resource(new ConfigMapBuilder().withNewMetadata()
                        .withName("x").endMetadata().build()).create());
        assertEquals(404, e.getCode());
        assertEquals("namespaces \"missing\" not found", e.getStatus().getMessage());
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        cluster.createNamespace("short-lived");
        client.configMaps().inNamespace("short-lived").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("x").endMetadata().withData(Map.of("a", "b")).build()).create();
        client.namespaces().withName("short-lived").delete();
        assertNull(client.namespaces().withName("short-lived").get());
        assertTrue(client.configMaps().inNamespace("short-lived").list().getItems().isEmpty());
    }

    @Test
    void deletingADeploymentDeletesItsReplicaSets() {
        client.apps().deployments().resource(DeploymentRolloutTest.deployment("owner", 1, "app:1")).create();
        TestClusters.await("replica set", () -> !client.apps().replicaSets().withLabel("app", "owner").list()
                .getItems().isEmpty());
        client.apps().deployments().withName("owner").delete();
        TestClusters.await("replica sets gone", () -> client.apps().replicaSets().withLabel("app", "owner").list()
                .getItems().isEmpty());
    }

    @Test
    void seedAndCreateNamespaceAreNotRecordedAsRequests() {
        cluster.requests().reset();
        cluster.createNamespace("seeded");
        cluster.seed(new ConfigMapBuilder().withNewMetadata().withName("s").withNamespace("seeded").endMetadata()
                .withData(Map.of("k", "v"))
                .build());
        assertEquals(0, cluster.requests().entries().size());
        assertEquals("kustos-seed", client.configMaps().inNamespace("seeded").withName("s").get().getMetadata()
                .getManagedFields().get(0).getManager());
    }
}
