package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceVersionAndGenerationTest extends SharedEmbeddedCluster {


    static Deployment deployment(String name, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void everyWriteGetsAHigherResourceVersionAndTheServerSetsUidAndCreationTimestamp() {
        ConfigMap created = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("rv")
                .endMetadata().withData(Map.of("a", "1")).build()).create();
        assertNotNull(created.getMetadata().getUid());
        assertNotNull(created.getMetadata().getCreationTimestamp());
        ConfigMap updated = client.configMaps().withName("rv").edit(c -> {
            c.getData().put("a", "2");
            return c;
        });
        assertTrue(Long.parseLong(updated.getMetadata().getResourceVersion())
                > Long.parseLong(created.getMetadata().getResourceVersion()));
        assertEquals(created.getMetadata().getUid(), updated.getMetadata().getUid());
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        ConfigMap created = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("stale")
                .endMetadata().withData(Map.of("a", "1")).build()).create();
        client.configMaps().withName("stale").edit(c -> {
            c.getData().put("a", "2");
            return c;
        });
        created.getData().put("a", "3");
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().resource(created).update());
        assertEquals(409, e.getCode());
    }

    @Test
    void generationCountsSpecChangesOnly() {
        Deployment d = client.apps().deployments().resource(deployment("gen", "app:1")).create();
        assertEquals(1L, d.getMetadata().getGeneration());

        // merge patches carry no resourceVersion, so the simulated controller's status writes cannot race them
        d = client.apps().deployments().withName("gen").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");
        assertEquals(1L, d.getMetadata().getGeneration(), "a label is not a spec change");

        d = client.apps().deployments().withName("gen").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:2\"}]}}}}");
        assertEquals(2L, d.getMetadata().getGeneration());

        d = client.apps().deployments().withName("gen").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"note\":\"x\"}}}");
        assertEquals(3L, d.getMetadata().getGeneration(), "Deployments count annotation changes, as in 1.20");

        TestClusters.await("status observed", () -> {
            var live = client.apps().deployments().withName("gen").get();
            return live.getStatus() != null && Long.valueOf(3).equals(live.getStatus().getObservedGeneration());
        });
        String rv = client.apps().deployments().withName("gen").get().getMetadata().getResourceVersion();
        d = client.apps().deployments().withName("gen").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"team\":\"a\"}}}");
        assertEquals(rv, d.getMetadata().getResourceVersion(), "a no-op patch writes nothing");
        assertNotEquals(null, d.getMetadata().getManagedFields());
    }
}
