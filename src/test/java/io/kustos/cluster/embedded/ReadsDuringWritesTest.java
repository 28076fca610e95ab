package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A GET answered while the simulated controllers write (they run beside the request thread) sees
 * a consistent store: no 500 from a lookup that walked the objects while they changed.
 */
class ReadsDuringWritesTest {

    @Test
    void getsWhileTheControllersRollOutDeploymentsAllSucceed() {
        try (EmbeddedCluster cluster = TestClusters.start()) {
            KubernetesClient admin = cluster.client();
            for (int i = 0; i < 600; i++) { // a lookup walks them all: a long window for a concurrent write
                admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("filler-" + i).endMetadata()
                        .build()).create();
            }
            admin.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("read-me").endMetadata()
                    .withData(Map.of("k", "v")).build()).create();
            // no retries: a 500 must show, not be retried away
            try (KubernetesClient reader = new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin.getConfiguration())
                    .withRequestRetryBackoffLimit(0).build()).build()) {
                List<String> errors = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    admin.apps().deployments().inNamespace("default")
                            .resource(ResourceVersionAndGenerationTest.deployment("d" + i, "r.example.com/d:1")).create();
                    for (int j = 0; j < 5; j++) {
                        try {
                            assertEquals("v", reader.configMaps().inNamespace("default").withName("read-me").get().getData().get("k"));
                        } catch (KubernetesClientException e) {
                            errors.add("HTTP " + e.getCode() + " " + (e.getStatus() == null ? "" : e.getStatus().getMessage()));
                        }
                    }
                }
                assertEquals(List.of(), errors);
            }
        }
    }
}
