package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Two daemons on one embedded cluster with leader election: one holds the Lease and reconciles,
 * the other stands by (its webhook call changes nothing, its readiness says standby); stopping the
 * leader gives the Lease up and the other takes over and applies the next commit.
 */
@RunsAlone
class OnlyTheLeaderReconcilesIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @Test
    void onlyOneReconcilesAndStoppingItHandsOver(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            h.cluster().createNamespace("kustos-system");
            Files.writeString(tmp.resolve("hook-secret"), "s3cret\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    leaderElection: { enabled: true, namespace: kustos-system, leaseDuration: 4s, renewDeadline: 3s, retryPeriod: 500ms }
                    """);
            try (var clientsA = new ClusterClients(h.cluster().kubeconfig(), null);
                 var clientsB = new ClusterClients(h.cluster().kubeconfig(), null);
                 var a = daemon(h, clientsA);
                 var b = daemon(h, clientsB)) {
                a.start();
                b.start();
                DaemonHttp.await(Duration.ofSeconds(30), "a leader", () -> a.isLeader() || b.isLeader());
                KustosDaemon leader = a.isLeader() ? a : b;
                KustosDaemon standby = leader == a ? b : a;
                DaemonHttp.await(Duration.ofSeconds(30), "the first reconcile", () -> "1".equals(value(h)));
                await("several lease renewals: still one leader, the standby idle").during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(30)).until(() -> leader.isLeader() && !standby.isLeader() && standby.runs() == 0);
                assertTrue(leader.isLeader());
                assertFalse(standby.isLeader());
                assertEquals(0, standby.runs(), "the standby must not reconcile");
                var lease = h.cluster().client().leases().inNamespace("kustos-system").withName("kustos").get();
                assertNotNull(lease, "the Lease kustos-system/kustos");

                var standbyHttp = new DaemonHttp(standby.port());
                var ready = standbyHttp.get("/readyz");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("standby"), ready.body());
                h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                assertEquals(202, standbyHttp.hook(WebhookProvider.GITEA, "{}", "s3cret").statusCode());
                await("a webhook on the standby must not reconcile").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(30))
                        .until(() -> "1".equals(value(h)) && standby.runs() == 0);
                assertEquals("1", value(h), "a webhook on the standby must not reconcile");
                assertEquals(0, standby.runs());

                long start = System.nanoTime();
                leader.close();
                DaemonHttp.await(Duration.ofSeconds(30), "the standby to take over", standby::isLeader);
                DaemonHttp.await(Duration.ofSeconds(30), "the new leader to apply A=2", () -> "2".equals(value(h)));
                System.out.println("OnlyTheLeaderReconcilesIT: handover to applied change: "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
                DaemonHttp.await(Duration.ofSeconds(30), "the new leader's reconcile to finish", () -> standby.runs() >= 1);
            }
        }
    }

    private static KustosDaemon daemon(KustosHarness h, ClusterClients clients) {
        return new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10));
    }

    private static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
