package io.kustos.reconcile;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a reconcile costs in API requests (Kustos's own count, as `kustos apply` prints it): a
 * cold apply sends one server-side dry run and one write per object and one Event for the
 * revision; an apply with nothing to do only lists; a change to one key of a ConfigMap used by
 * three Deployments writes that ConfigMap and those three, and Kustos's bookkeeping stays one
 * Event and one history write whatever the number of objects.
 */
class RequestsPerObjectIT {
    private static final int SERVICES = 20;
    private static final List<String> USERS_OF_SHARED = List.of("d00", "d01", "d02");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void oneDryRunAndOneWritePerObjectAndOneEventPerRevision(String clusterName, @TempDir Path tmp) throws java.io.IOException {
        var files = new HashMap<String, String>();
        files.put("environments/staging/app/config.yaml", configMap("app-config", "A", "1"));
        files.put("environments/staging/common/shared.yaml", configMap("shared", "K", "1"));
        for (int i = 0; i < SERVICES; i++) {
            String svc = String.format("svc%02d", i);
            files.put("environments/staging/" + svc + "/config.yaml", configMap(svc + "-config", "PORT", "80" + i) + "---\n"
                    + secret(svc + "-secret", "TOKEN", "t0ken-" + i));
        }
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files)) {
            // no renewal within the runs, however slow the machine: the lock's requests are then exactly its take and release
            java.nio.file.Files.writeString(h.kustosYaml(), java.nio.file.Files.readString(h.kustosYaml())
                    + "sync: { writeLock: { leaseDuration: 1200s, renewEvery: 600s } }\n");
            var images = new HashMap<String, String>(Map.of("app", "registry.example.com/app:1.0.0"));
            for (int i = 0; i < 8; i++) {
                String d = String.format("d%02d", i);
                h.addDeployment(d, "r.example.com/" + d + ":1.0.0", 0, 600,
                        USERS_OF_SHARED.contains(d) ? new String[]{"svc0" + i + "-config", "shared"} : new String[]{"svc0" + i + "-config"});
                images.put(d, "r.example.com/" + d + ":1.0.0");
            }
            h.releases().commit("eight more workloads", Map.of("environments/staging/release.yaml", KustosHarness.release(images, "")));
            int configs = 2 + 2 * SERVICES;
            int workloads = 1 + 8; // each uses a ConfigMap: its config hash is set, one patch each

            h.cluster().resetCounts();
            var cold = h.kustos("apply");
            assertEquals(0, cold.exit(), cold.toString());
            assertEquals(2, cold.locks(), "the write lock taken by creating its Lease (no read first: no history yet) and"
                    + " released by a write guarded by its resourceVersion (no read first):\n" + cold);
            String configMaps = "GET /api/v1/namespaces/" + h.namespace() + "/configmaps";
            h.cluster().serverRequests(configMaps::equals).ifPresent(lists -> assertEquals(1, lists,
                    "one list of ConfigMaps: a lock taken by creating its Lease was never held, so what was read before it stands:\n" + cold));
            assertTrue(cold.out().contains("staging: applied " + (configs + workloads) + " objects"), cold.toString());
            assertTrue(cold.reads() <= 6, "the lists of ConfigMaps, Secrets and Deployments, the history's GET, then one read and"
                    + " one watch of the Deployments for the rollout wait, however long it lasts:\n" + cold);
            String deployments = "GET /apis/apps/v1/namespaces/" + h.namespace() + "/deployments";
            h.cluster().serverRequests(deployments::equals).ifPresent(all -> {
                long watches = h.cluster().serverWatches(deployments::equals).orElseThrow();
                assertEquals(2, all - watches, "one list of Deployments before the lock and one when the wait starts, then no more"
                        + " (the simulated controllers act 200 ms after a change: polling listed again):\n" + cold);
                assertTrue(watches <= 1, "the rollout wait's one watch (none if its read found every Deployment rolled out):\n" + cold);
            });
            assertEquals(configs + workloads, cold.dryRuns(), "one dry run per object:\n" + cold);
            assertEquals(configs + workloads, cold.writes(), "one write per object:\n" + cold);
            assertEquals(4, cold.records(), "one Event, one history write (after its creation, once: a compare-and-swap needs"
                    + " the ConfigMap to exist), and the key of Secret fingerprints made once:\n" + cold);
            assertEquals(1, events(h, "Applied"), "one Event for the revision");

            h.cluster().resetCounts();
            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(List.of(3L, 0L, 0L, 0L), counts(again),
                    "only the lists of ConfigMaps (with kustos-history), Secrets and Deployments:\n" + again);
            h.cluster().serverWrites().ifPresent(w -> assertEquals(0, w));

            String sha = h.config().commit("shared K=2", Map.of("environments/staging/common/shared.yaml", configMap("shared", "K", "2")));
            var change = h.kustos("apply");
            assertEquals(0, change.exit(), change.toString());
            assertEquals(4, change.dryRuns(), "the ConfigMap and its 3 users:\n" + change);
            assertEquals(4, change.writes(), "the ConfigMap and its 3 users:\n" + change);
            assertEquals(2, change.records(), "one Event and one history write:\n" + change);
            var applied = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> "Applied".equals(e.getReason()) && e.getMessage().contains(sha)).toList();
            assertEquals(1, applied.size(), applied.toString());
            assertTrue(applied.get(0).getMessage().endsWith(
                    ": ConfigMap/shared (keys: K changed), Deployment/d00 restarted, Deployment/d01 restarted, Deployment/d02 restarted"),
                    applied.get(0).getMessage());
        }
    }

    private static List<Long> counts(KustosRun run) {
        return List.of(run.reads(), run.dryRuns(), run.writes(), run.records());
    }

    private static long events(KustosHarness h, String reason) {
        return h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && e.getSource() != null && "kustos".equals(e.getSource().getComponent())).count();
    }
}
