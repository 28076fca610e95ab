package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PatchTypesTest extends SharedEmbeddedCluster {


    private static Deployment twoContainers(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer()
                .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void strategicMergeMergesContainersByName() {
        client.apps().deployments().resource(twoContainers("smp")).create();
        Deployment d = client.apps().deployments().withName("smp").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"proxy:2\"}]}}}}");
        var containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(2, containers.size());
        assertEquals("app:1", containers.get(0).getImage());
        assertEquals("proxy:2", containers.get(1).getImage());
    }

    @Test
    void strategicMergeDeletesAnItemWithPatchDelete() {
        client.apps().deployments().resource(twoContainers("smp-delete")).create();
        Deployment d = client.apps().deployments().withName("smp-delete").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
                        + "\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}}}");
        assertEquals(1, d.getSpec().getTemplate().getSpec().getContainers().size());
    }

    @Test
    void jsonMergePatchReplacesLists() {
        client.apps().deployments().resource(twoContainers("merge")).create();
        Deployment d = client.apps().deployments().withName("merge").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"only\",\"image\":\"x:1\"}]}}}}");
        var containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        assertEquals("only", containers.get(0).getName());
    }

    @Test
    void jsonPatchStillWorks() {
        client.apps().deployments().resource(twoContainers("jsonpatch")).create();
        Deployment d = client.apps().deployments().withName("jsonpatch").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"proxy:9\"}]");
        assertEquals("proxy:9", d.getSpec().getTemplate().getSpec().getContainers().get(1).getImage());
    }
}
