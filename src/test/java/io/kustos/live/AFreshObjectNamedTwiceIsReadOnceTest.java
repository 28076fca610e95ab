package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Session 16's review: the fresh objects {@link CachesWithFreshObjects} is given may name one object twice (a commit's
 * changes listed per file); it is read once and returned once, not twice beside the caches' other objects.
 */
class AFreshObjectNamedTwiceIsReadOnceTest {
    @Test
    void theObjectIsInTheListOnce() {
        try (var cluster = EmbeddedCluster.start(0); var client = cluster.newClient()) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("app-config")
                    .endMetadata().addToData("A", "2").build()).create();
            var key = new ObjectKey("v1", "ConfigMap", "default", "app-config");
            var cached = new ConfigMapBuilder().withNewMetadata().withName("app-config").withNamespace("default").endMetadata()
                    .addToData("A", "1").build();
            var objects = new CachesWithFreshObjects(new ConfigMapsOnly("default", List.of(cached)), client, List.of(key, key));

            var read = objects.configMaps("default");

            assertEquals(List.of("2"), read.stream().map(cm -> cm.getData().get("A")).toList(), "the object as read now, once");
        }
    }
}
