package io.kustos.runtime;

import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code kustos run} asks the API server when nothing changes, counted at a {@link FaultProxy} in front of the
 * cluster (it faults nothing here), which sees every request of the daemon's clients. After the applying run, the
 * first poll round starts the watch caches: one list per kind and namespace read, once (and their watches, not
 * counted here: long-lived, the caches' upkeep). Every later round with nothing new in git and nothing drifted sends no
 * request at all, whatever the number of environments: drift checks are served from the caches. The polls are
 * triggered one at a time (the interval is an hour), so each round is counted whole.
 */
class ANoOpPollSendsNoReadPerEnvironmentIT {
    private static final List<String> ENVIRONMENTS = List.of("staging", "dev", "production");
    private static final Pattern WATCH = Pattern.compile("[?&]watch=(true|1)(&|$)");
    /** A list of a namespaced collection: {@code GET /api/v1/namespaces/NS/configmaps?...}. */
    private static final Pattern LIST = Pattern.compile("GET /apis?/[^?]*/namespaces/[^/?]+/[a-z]+(\\?.*)?");
    private static final int QUIET_ROUNDS = 3;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aQuietRoundSendsNothing(String clusterName, @TempDir Path tmp) throws Exception {
        var files = new HashMap<String, String>();
        ENVIRONMENTS.forEach(env -> files.put(file(env), configMap("app-config", "A", "1")));
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files);
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var envs = new Environments(h)) {
            envs.add("dev", "");
            envs.add("production", "");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h, selfHeal: true, prune: true }
                    server: { port: 0, host: 127.0.0.1 }
                    """);
            var config = ConfigLoader.load(h.kustosYaml());
            try (var clients = new ClusterClients(proxy.kubeconfig(), null);
                 var daemon = new KustosDaemon(new Agent(config, clients, new Renderer(Decryptor.NONE), Clock.systemUTC()),
                         Duration.ofSeconds(10))) {
                daemon.start();
                DaemonHttp.await(Duration.ofSeconds(90), "the first run to apply every environment", () -> daemon.runs() >= 1
                        && ENVIRONMENTS.stream().allMatch(env -> "1".equals(envs.configValue(env, "app-config", "A"))));

                List<String> first = round(daemon, proxy);
                assertTrue(first.stream().allMatch(r -> LIST.matcher(r).matches()), "the first quiet round only lists, to fill "
                        + "the watch caches:\n" + String.join("\n", first));
                assertEquals(new HashSet<>(paths(first)).size(), first.size(), "each kind and namespace listed once:\n" + String.join("\n", first));
                for (String env : ENVIRONMENTS) {
                    assertTrue(first.stream().anyMatch(r -> r.contains("/namespaces/" + envs.namespace(env) + "/")),
                            env + "'s caches filled:\n" + String.join("\n", first));
                }

                for (int i = 1; i <= QUIET_ROUNDS; i++) {
                    assertEquals(List.of(), round(daemon, proxy), "quiet round " + i + " of " + ENVIRONMENTS.size()
                            + " environments, with the watch caches running: no request at all (watches apart)");
                }
            }
        }
    }

    /** Triggers one poll round and returns the requests (watches apart) it sent, once it finished. */
    private static List<String> round(KustosDaemon daemon, FaultProxy proxy) {
        int from = proxy.requests().size();
        long runs = daemon.runs();
        daemon.trigger("test");
        DaemonHttp.await(Duration.ofSeconds(60), "the poll round to finish", () -> daemon.runs() > runs);
        var all = proxy.requests();
        return all.subList(from, all.size()).stream().filter(r -> !WATCH.matcher(r).find()).toList();
    }

    private static List<String> paths(List<String> requests) {
        return requests.stream().map(r -> r.replaceAll("\\?.*", "")).toList();
    }

    private static String file(String env) {
        return "environments/" + env + "/app/config.yaml";
    }
}
