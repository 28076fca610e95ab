package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * review12a #2: the watch of a wait for one workload starts from the resourceVersion of a list (of that
 * name), the collection's, not from the workload's own. An object's resourceVersion is where it was last
 * written: a Deployment that did not change for a while lies behind the cluster's, and kube-apiserver's
 * watch cache (1.20: the last 100 events of the kind once they are over 75 s old, nothing before its start)
 * answers a watch from before its window with 410 Gone, then again after the re-read (the same object, the
 * same resourceVersion), so the wait fell back to polling. Here a write after the Deployment's last moves
 * the cluster on; the watch must start at or after it. (Before: the GET's resourceVersion, the Deployment's.)
 */
class AWaitForOneWorkloadWatchesFromAListIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theWatchStartsFromTheListNotFromTheWorkload(String clusterName, @TempDir Path tmp) throws Exception {
        try (var cluster = TestClusters.open(clusterName, tmp)) {
            String ns = "one-watch-" + Long.toHexString(System.nanoTime());
            cluster.createNamespace(ns);
            var client = cluster.client();
            try (var kubelet = FakeKubelet.start(cluster, ns)) {
                // its pods never become ready: the wait reads it pending and watches it until the deadline
                Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                        .withNewSpec().withReplicas(1).withProgressDeadlineSeconds(600).withNewSelector().addToMatchLabels("app", "web").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                        .withNewSpec().addNewContainer().withName("web").withImage("registry.example.com/web:1.0.0-crashloop").endContainer().endSpec()
                        .endTemplate().endSpec().build();
                client.apps().deployments().inNamespace(ns).resource(web).create();
                await("the controller has written web's status").atMost(Duration.ofSeconds(30)).until(() -> {
                    var d = client.apps().deployments().inNamespace(ns).withName("web").get();
                    return d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getUpdatedReplicas())
                            && Integer.valueOf(1).equals(d.getStatus().getUnavailableReplicas());
                });
                String webAt = client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata().getResourceVersion();
                String laterAt = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("later")
                        .endMetadata().addToData("k", "v").build()).create().getMetadata().getResourceVersion();
                assertTrue(Long.parseLong(laterAt) > Long.parseLong(webAt), webAt + " < " + laterAt);

                var watches = new RecordingWatches(WorkloadWatches.of(client));
                var workload = new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", ns, "web"),
                        new TreeMap<>(Map.of("web", "registry.example.com/web:1.0.0-crashloop")), "releases:environments/x/release.yaml", "workloads[0]");
                var e = assertThrows(RolloutFailedException.class, () -> watches.waiter(client).await(List.of(workload), Duration.ofSeconds(2)));

                assertTrue(e.getMessage().contains("rollout did not finish within 2s"), e.getMessage());
                assertNotNull(watches.lastFrom(), "web was pending at the read: watched");
                assertTrue(Long.parseLong(watches.lastFrom()) >= Long.parseLong(laterAt),
                        "the watch starts from the list's resourceVersion " + watches.lastFrom() + ", not web's own " + webAt + " (the cluster was at " + laterAt + ")");
            }
        }
    }
}
