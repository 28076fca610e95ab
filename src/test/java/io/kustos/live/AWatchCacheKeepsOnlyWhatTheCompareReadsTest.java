package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.failure.RetryDelay;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 4: the daemon's watch caches hold every object its environments read, for as long
 * as it runs. They keep of each only what the compare with git reads: no workload status nor the
 * rest of its spec, no managed-fields times nor field sets beyond data, labels and annotations; and
 * what the compare makes of a cached object is what it makes of the object as listed.
 */
class AWatchCacheKeepsOnlyWhatTheCompareReadsTest {
    @Test
    void theCacheHoldsNoManagedFieldsNorSpecTheCompareDoesNotRead() {
        try (var cluster = EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)));
             var watches = new ClusterWatches(cluster.client(), new RetryDelay(Duration.ofSeconds(1)), Clock.systemUTC())) {
            var client = cluster.client();
            cluster.createNamespace("slim");
            client.apps().deployments().inNamespace("slim").resource(new DeploymentBuilder()
                    .withNewMetadata().withName("app").withNamespace("slim").addToAnnotations("team", "a").endMetadata()
                    .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "app").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "app").addToAnnotations("kustos.io/config-hash", "h1").endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec().endTemplate()
                    .endSpec().build()).fieldManager(OwnedFields.KUSTOS).forceConflicts().serverSideApply();
            client.configMaps().inNamespace("slim").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("app-config").withNamespace("slim").addToLabels("app", "app").endMetadata()
                    .addToData("a", "1").addToData("b", "2").build()).fieldManager(OwnedFields.KUSTOS).forceConflicts().serverSideApply();
            await("the simulated controller wrote the Deployment's status").atMost(Duration.ofSeconds(30))
                    .until(() -> client.apps().deployments().inNamespace("slim").withName("app").get().getStatus() != null);

            var cached = watches.forEnvironment().caches().orElseThrow();
            List<Deployment> deployments = await("the Deployment cache").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .ignoreException(WatchedObjects.WatchUnavailableException.class)
                    .until(() -> cached.deployments("slim"), l -> l.size() == 1);
            List<ConfigMap> configMaps = await("the ConfigMap cache").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .ignoreException(WatchedObjects.WatchUnavailableException.class)
                    .until(() -> cached.configMaps("slim"), l -> l.size() == 1);

            Deployment inCache = deployments.get(0);
            assertNull(inCache.getSpec().getSelector(), "of the spec, only the pod template and the replicas");
            Deployment listed = client.apps().deployments().inNamespace("slim").withName("app").get();
            assertEquals(io.kustos.rollout.RolloutProgress.of(listed, rs -> null), io.kustos.rollout.RolloutProgress.of(inCache, rs -> null),
                    "whether it rolled out reads the same (an environment a commit leaves unchanged is judged on it)");
            assertNull(inCache.getMetadata().getManagedFields(), "a Deployment's field managers own no data, labels nor annotations the compare reads");
            assertEquals(LiveStateReader.workload(listed, listed.getSpec().getTemplate()),
                    LiveStateReader.workload(inCache, inCache.getSpec().getTemplate()), "the compare reads the same");

            ConfigMap cm = configMaps.get(0);
            assertFalse(cm.getMetadata().getManagedFields().isEmpty(), "Kustos's ownership of the data is kept");
            cm.getMetadata().getManagedFields().forEach(e -> assertNull(e.getTime(), "no managed-fields times"));
            assertEquals(LiveStateReader.configMap(client.configMaps().inNamespace("slim").withName("app-config").get()),
                    LiveStateReader.configMap(cm), "the compare reads the same");
        }
    }

    @Test
    void ownershipOfDataLabelsAndAnnotationsIsKeptForEveryManager() {
        var kustos = entry(OwnedFields.KUSTOS, "Apply", Map.of(
                "f:data", Map.of(".", Map.of(), "f:a", Map.of(".", Map.of(), "f:nested", Map.of())),
                "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of()), "f:annotations", Map.of("f:note", Map.of()), "f:finalizers", Map.of()),
                "f:type", Map.of()));
        var patch = entry("kubectl-patch", "Update", Map.of("f:data", Map.of("f:b", Map.of())));
        var status = entry("kube-controller-manager", "Update", Map.of("f:status", Map.of("f:replicas", Map.of())));
        Secret s = new SecretBuilder().withNewMetadata().withName("s").withNamespace("ns").withResourceVersion("7")
                .addToLabels("app", "app").addToAnnotations("note", "n").withManagedFields(kustos, patch, status).endMetadata()
                .withType("Opaque").addToData("a", "MQ==").addToData("b", "Mg==").build();

        Secret kept = ComparedFields.of(s);

        assertEquals(LiveStateReader.secret(s), LiveStateReader.secret(kept), "the compare reads the same");
        assertEquals(2, kept.getMetadata().getManagedFields().size(), "a manager that owns none of data, labels, annotations is dropped");
        // below the keys the compare reads, nothing is kept (f:a's own field set is not)
        assertEquals(Map.of("f:data", Map.of(".", Map.of(), "f:a", Map.of()),
                        "f:metadata", Map.of("f:labels", Map.of("f:app", Map.of()), "f:annotations", Map.of("f:note", Map.of()))),
                kept.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties());
    }

    private static ManagedFieldsEntry entry(String manager, String operation, Map<String, Object> set) {
        var fields = new FieldsV1();
        set.forEach(fields::setAdditionalProperty);
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withApiVersion("v1")
                .withFieldsType("FieldsV1").withTime("2026-12-05T18:00:00Z").withFieldsV1(fields).build();
    }
}
