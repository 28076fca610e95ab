package io.kustos.live;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.failure.TransientException;
import io.kustos.render.DesiredState;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Session 16's review: a fresh object's GET ({@link CachesWithFreshObjects}) that fails is reported as that GET, naming
 * the object, not as a list of its kind that was never sent.
 */
class AFailedFreshGetNamesTheObjectTest {
    @Test
    void theReportSaysWhichObjectCouldNotBeRead() {
        // nothing listens on port 1: the GET is refused
        var config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build();
        try (var client = new KubernetesClientBuilder().withConfig(config).build()) {
            var fresh = List.of(new ObjectKey("v1", "ConfigMap", "qa", "app-config"));
            var reader = new LiveStateReader(new CachesWithFreshObjects(new ConfigMapsOnly("qa", List.of()), client, fresh));
            var desired = new DesiredState("qa", "qa", null, List.of(), List.of(), List.of(), "sha256:x");

            var e = assertThrows(TransientException.class, () -> reader.read(desired));

            assertTrue(e.getMessage().startsWith("cannot get ConfigMap qa/app-config: "), e.getMessage());
            assertFalse(e.getMessage().contains("cannot list"), e.getMessage());
        }
    }
}
