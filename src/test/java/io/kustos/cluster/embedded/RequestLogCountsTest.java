package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogCountsTest extends SharedEmbeddedCluster {


    @Test
    void readsWritesAndDryRunsAreCountedSeparatelyAndResetClearsThem() {
        cluster.requests().reset();
        var cm = new ConfigMapBuilder().withNewMetadata().withName("counted").withNamespace("default").endMetadata()
                .withData(Map.of("a", "1")).build();

        client.resource(cm).dryRun().fieldManager("kustos").serverSideApply();
        client.resource(cm).fieldManager("kustos").serverSideApply();
        client.configMaps().withName("counted").get();
        client.configMaps().list();

        RequestLog log = cluster.requests();
        assertEquals(1, log.dryRunWrites());
        assertEquals(1, log.writes());
        assertEquals(1, log.writes("PATCH"));
        assertEquals(2, log.reads());
        RequestLog.Entry apply = log.entries().get(1);
        assertEquals("PATCH", apply.method());
        assertEquals("/api/v1/namespaces/default/configmaps/counted", apply.path());
        assertTrue(apply.query().contains("fieldManager=kustos"), apply.query());
        assertTrue(apply.contentType().startsWith("application/apply-patch+yaml"), apply.contentType());

        log.reset();
        assertEquals(0, log.entries().size());
    }

    @Test
    void theSimulatedControllersAreNotCounted() {
        client.apps().deployments().resource(DeploymentRolloutTest.deployment("quiet", 1, "app:1")).create();
        cluster.requests().reset();
        TestClusters.await("rollout", () -> {
            var d = client.apps().deployments().withName("quiet").get();
            return d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getAvailableReplicas());
        });
        assertEquals(0, cluster.requests().writes());
    }
}
