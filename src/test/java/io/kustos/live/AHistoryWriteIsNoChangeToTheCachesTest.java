package io.kustos.live;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.failure.RetryDelay;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 3: the watch caches' change count ({@link WatchedObjects#changes()}) leaves out the
 * writes of the {@code kustos-history} ConfigMaps, which are never compared: the daemon's own history
 * write after a run does not undo the verdict "nothing changed since the caches matched", so the next
 * commit that leaves the environment as it was compares none of its objects again. Any other
 * ConfigMap's change still counts.
 */
class AHistoryWriteIsNoChangeToTheCachesTest {
    @Test
    void writingTheHistoryIsNotCountedAnotherConfigMapIs() {
        try (var cluster = EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)));
             var watches = new ClusterWatches(cluster.client(), new RetryDelay(Duration.ofSeconds(1)), Clock.systemUTC())) {
            var client = cluster.client();
            cluster.createNamespace("counted");
            write(client, "app-config", "1");
            var watched = watches.forEnvironment();
            var cached = watched.caches().orElseThrow();
            await("the ConfigMap cache").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .ignoreException(WatchedObjects.WatchUnavailableException.class)
                    .until(() -> cached.configMaps("counted"), l -> l.size() == 1);
            // the watch's start and the add of app-config=1: its handlers run after the store is filled, so wait for them
            await("the add of app-config counted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(watched::changes, n -> n == 2);
            long before = watched.changes();

            write(client, LiveStateReader.HISTORY, "1");
            writePart(client, LiveStateReader.HISTORY + "-00000001-ab12cd34-0");
            write(client, "app-config", "2");
            // the handlers run in order: once app-config=2 is counted, the history's writes before it have been handled too
            await("another ConfigMap's change counts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> watched.changes() > before);
            assertEquals(before + 1, watched.changes(), "the history's writes are no change to what is compared; app-config's is one");

            // review11a B1: a user's ConfigMap merely named like a part is compared, so its changes count
            write(client, LiveStateReader.HISTORY + "-export", "1");
            await("a kustos-history-export ConfigMap's change counts").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> watched.changes() > before + 1);
        }
    }

    private static void writePart(KubernetesClient client, String name) {
        client.configMaps().inNamespace("counted").resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("counted")
                .addToLabels(LiveStateReader.HISTORY_PART_LABEL, "1").endMetadata().addToData("record", "{}").build())
                .fieldManager(OwnedFields.KUSTOS).forceConflicts().serverSideApply();
    }

    private static void write(KubernetesClient client, String name, String value) {
        client.configMaps().inNamespace("counted").resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("counted")
                .endMetadata().addToData("v", value).build()).fieldManager(OwnedFields.KUSTOS).forceConflicts().serverSideApply();
    }
}
