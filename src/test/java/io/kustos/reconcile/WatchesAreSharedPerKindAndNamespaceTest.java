package io.kustos.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.config.Target;
import io.kustos.live.WatchedObjects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17, point 3: the daemon's watches are per cluster, kind and namespace. Two environments
 * in one namespace of one cluster (named through two kubeconfig files) read the same watch of each
 * kind: the API server is listed and watched once per kind there, as for the one environment of
 * another namespace. Each environment counts the changes of only the watches it reads: a change in
 * another namespace does not make it compare again.
 */
class WatchesAreSharedPerKindAndNamespaceTest {
    @Test
    void environmentsOfOneNamespaceShareEachWatch(@TempDir Path tmp) {
        try (var cluster = EmbeddedCluster.start(0, new SimulationSettings(Duration.ofMillis(20), Duration.ofMillis(100)))) {
            cluster.createNamespace("shared");
            cluster.createNamespace("apart");
            Path one = tmp.resolve("one.kubeconfig");
            Path two = tmp.resolve("two.kubeconfig");
            cluster.writeKubeconfig(one);
            cluster.writeKubeconfig(two);
            Target a = new Target("a", "shared", List.of(), one, null, false);
            Target b = new Target("b", "shared", List.of(), two, null, false);
            Target c = new Target("c", "apart", List.of(), one, null, false);
            try (var clients = new ClusterClients(null, null)) {
                var memory = new HealMemory(clients, true, new io.kustos.failure.RetryDelay(Duration.ofSeconds(1)), java.time.Clock.systemUTC());
                for (Target t : List.of(a, b, c)) {
                    read(memory.watched(t), t.namespace());
                }
                for (String kind : List.of("configmaps", "deployments")) {
                    long shared = gets(cluster, "shared", kind);
                    assertTrue(shared > 0, "the caches of " + kind + " listed the namespace:\n" + cluster.requests());
                    assertEquals(gets(cluster, "apart", kind), shared,
                            "two environments of one namespace list and watch " + kind + " as often as one:\n" + cluster.requests());
                }

                long changesOfA = memory.watched(a).changes();
                long changesOfC = memory.watched(c).changes();
                cluster.client().configMaps().inNamespace("apart").resource(new ConfigMapBuilder().withNewMetadata().withName("elsewhere")
                        .endMetadata().withData(Map.of("k", "v")).build()).create();
                Awaitility.await("c's watch sees the new ConfigMap").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> memory.watched(c).changes() > changesOfC);
                assertEquals(changesOfA, memory.watched(a).changes(), "a change in another namespace is none of a's");
                assertTrue(memory.watched(a).watching() && memory.watched(b).watching(), "a's and b's shared watches are up");
            }
        }
    }

    /** Reads ConfigMaps and Deployments of {@code ns} through the caches, as a drift check does, once they are synced. */
    private static void read(WatchedObjects watched, String ns) {
        Awaitility.await("the caches of " + ns).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .ignoreException(WatchedObjects.WatchUnavailableException.class).until(() -> {
                    var caches = watched.caches().orElseThrow();
                    caches.configMaps(ns);
                    caches.deployments(ns);
                    return true;
                });
    }

    /** The GET requests (lists and watches) the API server received for {@code kind} in {@code ns}. */
    private static long gets(EmbeddedCluster cluster, String ns, String kind) {
        String path = (kind.equals("deployments") ? "/apis/apps/v1" : "/api/v1") + "/namespaces/" + ns + "/" + kind;
        return cluster.requests().count(e -> e.method().equals("GET") && e.path().equals(path));
    }
}
