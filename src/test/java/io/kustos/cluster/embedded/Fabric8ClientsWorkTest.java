package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Fabric8ClientsWorkTest {

    static EmbeddedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = TestClusters.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void theWrittenKubeconfigWorksForFabric8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.yaml");
        cluster.writeKubeconfig(file);
        Config config = Config.fromKubeconfig(Files.readString(file));
        assertEquals("kustos-embedded", config.getCurrentContext().getName());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertTrue(client.namespaces().list().getItems().stream()
                    .anyMatch(ns -> ns.getMetadata().getName().equals("kube-system")));
            assertEquals("1", client.getKubernetesVersion().getMajor());
            assertEquals("20", client.getKubernetesVersion().getMinor());
        }
    }

    @Test
    void anInformerSeesAddsUpdatesAndDeletes() {
        KubernetesClient client = cluster.client();
        Set<String> events = ConcurrentHashMap.newKeySet();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        events.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        events.add("update " + newObj.getData().get("a"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean unknown) {
                        events.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").withNamespace("default")
                    .endMetadata().withData(Map.of("a", "1")).build()).fieldManager("kustos").serverSideApply();
            TestClusters.await("add", () -> events.contains("add watched"));
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").withNamespace("default")
                    .endMetadata().withData(Map.of("a", "2")).build()).fieldManager("kustos").serverSideApply();
            TestClusters.await("update", () -> events.contains("update 2"));
            client.configMaps().withName("watched").delete();
            TestClusters.await("delete", () -> events.contains("delete watched"));
        } finally {
            informer.close();
        }
    }

    @Test
    void discoveryListsTheServedGroups() {
        KubernetesClient client = cluster.client();
        assertTrue(client.supports("apps/v1", "Deployment"));
        assertTrue(client.supports("batch/v1", "Job"));
        assertTrue(client.supports("coordination.k8s.io/v1", "Lease"));
        var core = client.getApiResources("v1");
        assertTrue(core.getResources().stream().anyMatch(r -> r.getName().equals("configmaps")
                && r.getShortNames().contains("cm") && r.getNamespaced() && r.getKind().equals("ConfigMap")));
    }
}
