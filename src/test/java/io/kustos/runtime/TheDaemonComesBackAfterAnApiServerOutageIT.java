package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;

/**
 * Trial 16, X1, as the user saw it: {@code kustos run} in sync, its API server gone (every request
 * through the {@link FaultProxy} reset, every watch cut) and back empty (the ConfigMaps deleted
 * meanwhile, the history with them). {@code /status} reports the environment failed while the API
 * server is away; then the daemon's own timer (no webhook) reconciles it again and writes the lost
 * objects back from git, {@code /status} says so, and a later hand edit is healed.
 */
@RunsAlone
class TheDaemonComesBackAfterAnApiServerOutageIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kinds the caches watch in the namespace: ConfigMaps, Secrets, Deployments. */
    private static final int WATCHED_KINDS = 3;

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theDaemonWritesBackWhatAnEmptyClusterLost(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var clients = new ClusterClients(proxy.kubeconfig(), null)) {
            FaultRule outage = proxy.on("*", ".*"); // faults nothing until the outage; made first, so it wins over the watches' rule
            FaultRule watches = proxy.on("GET", "/apis?/.*/namespaces/" + h.namespace() + "/.*").dropWatch();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 2s }
                    server: { port: 0, host: 127.0.0.1 }
                    """);
            var config = ConfigLoader.load(h.kustosYaml());
            try (var daemon = new KustosDaemon(new Agent(config, clients, new Renderer(Decryptor.NONE), Clock.systemUTC()),
                    Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(value(h)) && ok(http));
                DaemonHttp.await(Duration.ofSeconds(60), "a drift check to start the watches", () -> watches.openWatches() >= WATCHED_KINDS);

                outage.always().reset();
                watches.drop();
                h.cluster().client().configMaps().inNamespace(h.namespace()).delete(); // straight to the cluster: it comes back empty
                DaemonHttp.await(Duration.ofSeconds(60), "/status to report the environment failed", () -> !ok(http));

                outage.stop();
                DaemonHttp.await(Duration.ofSeconds(120), "the lost ConfigMap written back and /status ok",
                        () -> "1".equals(value(h)) && ok(http));
                h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config")
                        .edit(cm -> new ConfigMapBuilder(cm).addToData("A", "by-hand").build());
                DaemonHttp.await(Duration.ofSeconds(60), "the hand edit healed", () -> "1".equals(value(h)));
            }
        }
    }

    /** Whether {@code /status} says the staging environment's last reconcile succeeded. */
    private static boolean ok(DaemonHttp http) {
        try {
            JsonNode status = JSON.readTree(http.get("/status").body());
            return status.at("/environments/staging/ok").asBoolean(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(KustosHarness h) {
        ConfigMap cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
