package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store keys each object by its labels as well as its path; an update that changes the labels
 * replaces the old entry rather than leaving a second one behind, and a delete removes it: label
 * selectors, plain lists and watches all see one object.
 */
class LabelChangesKeepListsRightTest {

    @Test
    void relabellingAndDeletingLeaveExactlyTheCurrentObject() throws Exception {
        try (EmbeddedCluster cluster = TestClusters.start()) {
            KubernetesClient admin = cluster.client();
            var configMaps = admin.configMaps().inNamespace("default");
            List<String> events = new CopyOnWriteArrayList<>();
            try (var watch = configMaps.withName("app").watch(new Watcher<ConfigMap>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                    events.add(action + " " + resource.getMetadata().getLabels());
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                configMaps.resource(configMap(Map.of("tier", "blue"))).create();
                configMaps.resource(configMap(Map.of("tier", "green"))).update();

                assertEquals(List.of(), names(configMaps.withLabel("tier", "blue").list().getItems()));
                assertEquals(List.of("app"), names(configMaps.withLabel("tier", "green").list().getItems()));
                assertEquals(1, configMaps.list().getItems().stream().filter(c -> c.getMetadata().getName().equals("app")).count());

                configMaps.withName("app").delete();
                TestClusters.await("the watch to see the delete", () -> events.size() >= 3);
                assertEquals(List.of(), names(configMaps.withLabel("tier", "green").list().getItems()));
                assertEquals(List.of("ADDED {tier=blue}", "MODIFIED {tier=green}", "DELETED {tier=green}"), events);
            }
        }
    }

    private static ConfigMap configMap(Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withName("app").withLabels(labels).endMetadata()
                .withData(Map.of("k", "v")).build();
    }

    private static List<String> names(List<ConfigMap> items) {
        return items.stream().map(c -> c.getMetadata().getName()).toList();
    }
}
