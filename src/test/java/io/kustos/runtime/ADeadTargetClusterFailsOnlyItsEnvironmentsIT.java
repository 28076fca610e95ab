package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17, point 3: "a dead target cluster fails only its environments", for a hanging cluster and
 * the recovery (a cluster whose requests are reset, among sharded replicas: {@link ShardedReplicasIT}; a refused
 * connection's recovery: {@code reconcile/ADeadClusterFailsOnlyItsEnvironmentsTest}).
 * One {@code kustos run} reconciles staging and dev in the test cluster and production in "another"
 * cluster: the same API server through a {@link FaultProxy}, named by its own kubeconfig (another
 * server URL, so another client). The proxy is cut — every request held unanswered, its watches
 * dropped — and a new commit arrives: staging and dev apply it at the daemon's own schedule (no
 * webhook) while production fails with an error naming its cluster's context and server; once the
 * proxy answers again, production recovers and applies the commit too.
 */
@RunsAlone
class ADeadTargetClusterFailsOnlyItsEnvironmentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENVIRONMENTS = List.of("staging", "dev", "production");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theOtherClustersEnvironmentsApplyWhileOneClusterHangs(String clusterName, @TempDir Path tmp) throws Exception {
        var files = new HashMap<String, String>();
        ENVIRONMENTS.forEach(env -> files.put(file(env), configMap("app-config", "A", "1")));
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files);
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var envs = new Environments(h)) {
            FaultRule outage = proxy.on("*", ".*"); // faults nothing until the cut; made first, so it wins over the watches' rule
            envs.add("dev", "kubeconfig: " + h.cluster().kubeconfig());
            String production = envs.add("production", "kubeconfig: " + proxy.kubeconfig());
            FaultRule watches = proxy.on("GET", "/apis?/.*/namespaces/" + production + "/.*").dropWatch();
            String yaml = Files.readString(h.kustosYaml());
            String staging = "{ environment: staging, namespace: " + h.namespace();
            Files.writeString(h.kustosYaml(), yaml.replace(staging, staging + ", kubeconfig: " + h.cluster().kubeconfig()) + """
                    sync: { interval: 2s }
                    server: { port: 0, host: 127.0.0.1 }
                    """);
            var config = ConfigLoader.load(h.kustosYaml());
            try (var clients = new ClusterClients(null, null); // no --kubeconfig: each target's own
                 var daemon = new KustosDaemon(new Agent(config, clients, new Renderer(Decryptor.NONE), Clock.systemUTC()),
                         Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(90), "every environment at A=1",
                        () -> ENVIRONMENTS.stream().allMatch(env -> "1".equals(envs.configValue(env, "app-config", "A")) && ok(http, env)));

                outage.always().stall();
                watches.drop();
                var changed = new HashMap<String, String>();
                ENVIRONMENTS.forEach(env -> changed.put(file(env), configMap("app-config", "A", "2")));
                h.config().commit("A=2 everywhere", changed);

                DaemonHttp.await(Duration.ofSeconds(120), "staging and dev at A=2 while production's cluster is dead",
                        () -> "2".equals(envs.configValue("staging", "app-config", "A")) && "2".equals(envs.configValue("dev", "app-config", "A")));
                String named = "(API server " + proxy.url() + "/) gives no answer";
                DaemonHttp.await(Duration.ofSeconds(120), "production failed, naming its cluster (" + named + ")",
                        () -> !ok(http, "production") && error(http, "production").contains(named));
                DaemonHttp.await(Duration.ofSeconds(60), "staging and dev reported ok", () -> ok(http, "staging") && ok(http, "dev"));
                assertEquals("1", envs.configValue("production", "app-config", "A"), "nothing reached production while its cluster was cut");

                outage.stop();
                outage.release();
                DaemonHttp.await(Duration.ofSeconds(120), "production recovered: at A=2 and reported ok",
                        () -> "2".equals(envs.configValue("production", "app-config", "A")) && ok(http, "production"));
            }
        }
    }

    private static String file(String env) {
        return "environments/" + env + "/app/config.yaml";
    }

    private static JsonNode status(DaemonHttp http, String env) {
        try {
            return JSON.readTree(http.get("/status").body()).at("/environments/" + env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code /status} says {@code env}'s last reconcile succeeded. */
    private static boolean ok(DaemonHttp http, String env) {
        return status(http, env).path("ok").asBoolean(false);
    }

    private static String error(DaemonHttp http, String env) {
        return status(http, env).path("error").asText("");
    }
}
