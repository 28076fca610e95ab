package io.kustos.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17 points 1 and 2: three {@code kustos run} processes on one machine (identities host-pid)
 * with {@code sharding:} share twelve environments through Leases. Each environment is held by one
 * replica, none holds more than ceil(12/3)+1; every revision is applied once per environment (one
 * history record, one Event); kill -9 of one replica hands its environments to the others within
 * twice the lease duration; SIGTERM gives a replica's environments up as it stops. The replicas
 * poll only when told (sync.interval 1h): a webhook to one replica, and {@code kustos reconcile},
 * reach the owners of every environment.
 */
class ShardedReplicasIT {
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final int ENVIRONMENTS = 12;
    private static final String SECRET = "s3cret";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void threeReplicasShareTwelveEnvironmentsAndTakeOverAKilledOnesShare(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(settings("staging"), configMap("settings", "A", "1")));
             var envs = new Environments(h)) {
            IntStream.rangeClosed(1, ENVIRONMENTS - 1).forEach(i -> envs.add("env-%02d".formatted(i), ""));
            commitAll(h, envs, "1");
            Files.writeString(tmp.resolve("hook-secret"), SECRET + "\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    sharding: { enabled: true, namespace: %s, leaseDuration: %ds, renewDeadline: 3s, retryPeriod: 500ms }
                    """.formatted(h.namespace(), LEASE.toSeconds()));

            Map<String, KustosProcess> replicas = new LinkedHashMap<>();
            try {
                for (String name : List.of("a", "b", "c")) {
                    replicas.put(name, KustosProcess.startWith(tmp.resolve("replicas"), name, Map.of(), List.of("run",
                            "--config", h.kustosYamlWithCache("cache-" + name).toString(), "--kubeconfig", h.cluster().kubeconfig().toString())));
                }
                awaitShared(h, envs, replicas, "1");

                // a commit once all three are in, and a webhook to one replica: each environment's owner applies it
                commitAll(h, envs, "2");
                var hook = new DaemonHttp(port(replicas.get("a"))).hook(WebhookProvider.GITEA, "{}", SECRET);
                assertEquals(202, hook.statusCode(), hook.body());
                awaitShared(h, envs, replicas, "2");
                Map<String, String> holders = holders(h, envs);
                assertEachAppliedOnceByItsHolder(h, envs, replicas, holders);

                // kill -9 the replica holding the most: the others take its environments once its Leases expire
                String killed = replicas.keySet().stream().max(java.util.Comparator.comparingLong(
                        r -> holders.values().stream().filter(identityOf(replicas.get(r))::equals).count())).orElseThrow();
                String deadIdentity = identityOf(replicas.get(killed));
                Set<String> orphans = new HashSet<>();
                holders.forEach((env, holder) -> {
                    if (holder.equals(deadIdentity)) {
                        orphans.add(env);
                    }
                });
                replicas.remove(killed).kill9();
                await("the survivors to hold " + orphans + " within twice the lease duration").atMost(LEASE.multipliedBy(2))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            var now = holders(h, envs);
                            return orphans.stream().allMatch(e -> now.get(e) != null && !now.get(e).equals(deadIdentity));
                        });
                commitAll(h, envs, "3");
                var request = h.kustos("reconcile"); // from anywhere: no replica's port
                assertEquals(0, request.exit(), request.toString());
                assertTrue(request.out().contains("reconcile requested at "), request.toString());
                awaitShared(h, envs, replicas, "3");
                assertEachAppliedOnceByItsHolder(h, envs, replicas, holders(h, envs));

                // SIGTERM: a replica gives its environments up as it stops
                String stopped = replicas.keySet().iterator().next();
                KustosProcess leaving = replicas.remove(stopped);
                String leavingIdentity = identityOf(leaving);
                leaving.terminate();
                leaving.awaitExit(Duration.ofMinutes(1)); // 143: stopped by the signal, after its shutdown
                holders(h, envs).forEach((env, holder) -> assertNotEquals(leavingIdentity, holder, env + " still held after SIGTERM"));
                assertTrue(leaving.stderr().contains("sharding: gave up environment") && leaving.stderr().contains("\"" + leavingIdentity
                        + "\" left"), leaving.printed());
                assertNull(h.cluster().client().leases().inNamespace(h.namespace()).withName("kustos-member-" + leavingIdentity).get(),
                        "its member Lease is deleted as it leaves");
            } finally {
                replicas.values().forEach(KustosProcess::close);
            }
        }
    }

    /** Every environment at A=value, its Lease held by a live replica, none holding more than ceil(E/R)+1. */
    private static void awaitShared(KustosHarness h, Environments envs, Map<String, KustosProcess> replicas, String value) {
        Set<String> live = new HashSet<>();
        replicas.values().forEach(p -> live.add(identityOf(p)));
        int share = (ENVIRONMENTS + live.size() - 1) / live.size() + 1;
        await("every environment at A=" + value + ", shared among " + live.size() + " replicas").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    replicas.values().forEach(p -> assertTrue(p.isAlive(), () -> "a replica stopped:\n" + p.printed()));
                    var holders = holders(h, envs);
                    Map<String, Integer> load = new HashMap<>();
                    holders.values().forEach(r -> load.merge(r, 1, Integer::sum));
                    return envs.names().stream().allMatch(e -> value.equals(envs.configValue(e, "settings", "A")))
                            && live.containsAll(holders.values()) && holders.size() == ENVIRONMENTS
                            && load.size() == live.size() && load.values().stream().allMatch(n -> n <= share);
                });
    }

    /**
     * Each revision applied once per environment (no two history records or Applied Events for one revision pair), and each
     * applied line of a replica is for an environment it held then or holds now.
     */
    private static void assertEachAppliedOnceByItsHolder(KustosHarness h, Environments envs, Map<String, KustosProcess> replicas,
                                                         Map<String, String> holders) {
        for (String env : envs.names()) {
            List<String> applied = new ArrayList<>();
            for (JsonNode r : envs.historyInCluster(env)) {
                if ("applied".equals(r.path("outcome").asText())) {
                    applied.add(r.path("config").asText() + "/" + r.path("releases").asText());
                }
            }
            assertEquals(new HashSet<>(applied).size(), applied.size(), env + ": a revision applied twice: " + applied);
            long events = h.cluster().client().v1().events().inNamespace(envs.namespace(env)).list().getItems().stream()
                    .filter(e -> "Applied".equals(e.getReason())).count();
            assertEquals(applied.size(), events, env + ": one Applied Event per applied record");
            String holder = holders.get(env);
            KustosProcess owner = replicas.values().stream().filter(p -> identityOf(p).equals(holder)).findFirst().orElseThrow();
            assertTrue(owner.stderr().contains("sharding: took environment " + env + " "), env + " held by " + holder
                    + " which never said it took it:\n" + owner.printed());
        }
    }

    private static Map<String, String> holders(KustosHarness h, Environments envs) {
        Map<String, String> holders = new HashMap<>();
        for (String env : envs.names()) {
            Lease lease = h.cluster().client().leases().inNamespace(h.namespace()).withName("kustos-env-" + env).get();
            String holder = lease == null ? null : lease.getSpec().getHolderIdentity();
            if (holder != null) {
                holders.put(env, holder);
            }
        }
        return holders;
    }

    /** The port a replica listens on (server.port 0: a free one), as it logs it. */
    private static int port(KustosProcess p) {
        var m = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(p.stderr());
        assertTrue(m.find(), p.printed());
        return Integer.parseInt(m.group(1));
    }

    /** A replica's identity without POD_NAME: its host name and process id. */
    private static String identityOf(KustosProcess p) {
        return host() + "-" + p.pid();
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    private static void commitAll(KustosHarness h, Environments envs, String value) {
        Map<String, String> files = new HashMap<>();
        envs.names().forEach(e -> files.put(settings(e), configMap("settings", "A", value)));
        h.config().commit("A=" + value + " everywhere", files);
    }

    private static String settings(String environment) {
        return "environments/" + environment + "/app/settings.yaml";
    }

}
