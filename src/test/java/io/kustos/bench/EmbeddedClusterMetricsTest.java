package io.kustos.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.embedded.EmbeddedCluster;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded cluster's {@code /metrics} counts requests as kube-apiserver's does, so the
 * benchmark can run it in its own process and count its requests from outside.
 */
class EmbeddedClusterMetricsTest {

    @Test
    void readsDryRunsWritesAndEventsAreCountedAsTheRealServerCountsThem() {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(0)) {
            KubernetesClient admin = cluster.client();
            String metricsUrl = admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics";
            ServerCounts before = ApiServerMetrics.parse(admin.raw(metricsUrl));

            var configMaps = admin.configMaps().inNamespace("default");
            configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("a").endMetadata().build()).create();
            var b = new ConfigMapBuilder().withNewMetadata().withName("b").endMetadata().withData(Map.of("k", "v")).build();
            configMaps.resource(b).dryRun().fieldManager("kustos").forceConflicts().serverSideApply();
            configMaps.resource(b).fieldManager("kustos").forceConflicts().serverSideApply();
            configMaps.list();
            configMaps.withName("a").get();
            admin.v1().events().inNamespace("default").resource(new EventBuilder().withNewMetadata().withName("e").endMetadata()
                    .withNewInvolvedObject().withKind("ConfigMap").withName("a").withNamespace("default").endInvolvedObject()
                    .withReason("Test").build()).create();

            String metrics = admin.raw(metricsUrl);
            assertEquals(new ServerCounts(2, 1, 2, 1), ApiServerMetrics.parse(metrics).minus(before));
            assertTrue(metrics.contains("resource=\"configmaps\",scope=\"resource\",subresource=\"\",verb=\"APPLY\""), metrics);
            assertEquals(Map.of("k", "v"), configMaps.withName("b").get().getData());
        }
    }
}
