package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17's acceptance, points 1 to 3: three {@code kustos run} processes on one machine (identities host-pid) with
 * {@code sharding:} share twelve environments through Leases; nine are in the test cluster, three ("far") in another
 * cluster: the same API server through a {@link FaultProxy}, named by its own kubeconfig (another server, another
 * client). The replicas poll only when told (sync.interval 1h).
 * <ul>
 * <li>Each environment is held by one replica, none holding more than ceil(12/3)+1, and every revision is applied once
 * per environment: one history record, one Applied Event, one "applied" line in the log of one replica, a replica that
 * took that environment's Lease.</li>
 * <li>A webhook to one replica reaches the owners of the environments it does not own, which apply the commit.</li>
 * <li>kill -9 of the replica holding the most hands its environments to the others within twice the lease duration,
 * and nothing is applied twice after it.</li>
 * <li>The far cluster goes dead (every request reset, its watches dropped): on {@code kustos reconcile} (from no
 * replica) the nine others apply the new commit, while the far ones fail, their owners' /status naming the far
 * cluster's API server, and nothing reaches them. (A hanging cluster, and the recovery:
 * {@link ADeadTargetClusterFailsOnlyItsEnvironmentsIT}.)</li>
 * <li>SIGTERM: a replica gives its environments up as it stops and deletes its member Lease.</li>
 * </ul>
 */
@RunsAlone
class ShardedReplicasIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** For reading twelve Leases and for the await's poll: not part of the bound. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final int ENVIRONMENTS = 12;
    private static final List<String> FAR = List.of("far-1", "far-2", "far-3");
    private static final String SECRET = "s3cret";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void threeReplicasShareTwelveEnvironmentsAcrossTwoClusters(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(settings("staging"), configMap("settings", "A", "1")));
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var envs = new Environments(h)) {
            FaultRule outage = proxy.on("*", ".*"); // faults nothing until the cut; made first, so it wins over the watches' rule
            FaultRule watches = proxy.on("GET", ".*").dropWatch();
            String home = "kubeconfig: " + h.cluster().kubeconfig();
            IntStream.rangeClosed(1, ENVIRONMENTS - 1 - FAR.size()).forEach(i -> envs.add("env-%02d".formatted(i), home));
            FAR.forEach(env -> envs.add(env, "kubeconfig: " + proxy.kubeconfig()));
            commitAll(h, envs, "1");
            Files.writeString(tmp.resolve("hook-secret"), SECRET + "\n");
            String staging = "{ environment: staging, namespace: " + h.namespace();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()).replace(staging, staging + ", " + home) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    sharding: { enabled: true, namespace: %s, leaseDuration: %ds, renewDeadline: 3s, retryPeriod: 500ms }
                    """.formatted(h.namespace(), LEASE.toSeconds()));

            Map<String, KustosProcess> replicas = new LinkedHashMap<>();
            try {
                for (String name : List.of("a", "b", "c")) { // no --kubeconfig: each target's own; the Leases in $KUBECONFIG's
                    replicas.put(name, KustosProcess.startWith(tmp.resolve("replicas"), name, Map.of("KUBECONFIG", h.cluster().kubeconfig().toString()),
                            List.of("run", "--config", h.kustosYamlWithCache("cache-" + name).toString())));
                }
                awaitShared(h, envs, replicas, envs.names(), "1");
                List<KustosProcess> ever = List.copyOf(replicas.values());
                awaitEachAppliedOnceByItsHolder(h, envs, ever, holders(h, envs), 1, List.of());

                // a commit once all three are in, and a webhook to one replica: each environment's owner applies it
                KustosProcess hooked = replicas.get("a");
                Map<String, Integer> hookedBefore = new HashMap<>();
                envs.names().forEach(e -> hookedBefore.put(e, appliedLines(hooked, e)));
                commitAll(h, envs, "2");
                var hook = new DaemonHttp(port(hooked)).hook(WebhookProvider.GITEA, "{}", SECRET);
                assertEquals(202, hook.statusCode(), hook.body());
                awaitShared(h, envs, replicas, envs.names(), "2");
                Map<String, String> holders = holders(h, envs);
                awaitEachAppliedOnceByItsHolder(h, envs, ever, holders, 2, List.of());
                List<String> notHooked = envs.names().stream().filter(e -> !holders.get(e).equals(identityOf(hooked))).toList();
                assertFalse(notHooked.isEmpty(), "the replica the webhook reached owns every environment: " + holders);
                notHooked.forEach(e -> assertEquals(hookedBefore.get(e), appliedLines(hooked, e),
                        e + " applied by the replica the webhook reached, not by its owner"));

                // kill -9 the replica holding the most: the others take its environments once its Leases expire
                String killed = replicas.keySet().stream().max(Comparator.comparingLong(
                        r -> holders.values().stream().filter(identityOf(replicas.get(r))::equals).count())).orElseThrow();
                String deadIdentity = identityOf(replicas.get(killed));
                Set<String> orphans = new HashSet<>();
                holders.forEach((env, holder) -> {
                    if (holder.equals(deadIdentity)) {
                        orphans.add(env);
                    }
                });
                replicas.remove(killed).kill9();
                await("the survivors to hold " + orphans + " within twice the lease duration").atMost(LEASE.multipliedBy(2).plus(MARGIN))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            var now = holders(h, envs);
                            return orphans.stream().allMatch(e -> now.get(e) != null && !now.get(e).equals(deadIdentity));
                        });

                // the far cluster dies; a new commit, requested from anywhere (no replica's port)
                outage.always().reset();
                watches.drop();
                List<String> near = envs.names().stream().filter(e -> !FAR.contains(e)).toList();
                commitAll(h, envs, "3");
                var request = h.kustos("reconcile");
                assertEquals(0, request.exit(), request.toString());
                assertTrue(request.out().contains("reconcile requested at "), request.toString());
                awaitShared(h, envs, replicas, near, "3");
                String named = "(API server " + proxy.url() + "/) gives no answer";
                await("the far environments' owners to report them failed, naming their cluster (" + named + ")").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500)).until(() -> FAR.stream().allMatch(e -> error(replicas, holders(h, envs).get(e), e).contains(named)));
                var now = holders(h, envs);
                near.forEach(e -> assertTrue(status(replicas, now.get(e), e).path("ok").asBoolean(false), e + " not ok: " + status(replicas, now.get(e), e)));
                FAR.forEach(e -> assertEquals("2", envs.configValue(e, "settings", "A"), "nothing reached " + e + " while its cluster was dead"));
                awaitEachAppliedOnceByItsHolder(h, envs, ever, now, 3, FAR);

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

    /** {@code expected} at A=value, every environment's Lease held by a live replica, none holding more than ceil(E/R)+1. */
    private static void awaitShared(KustosHarness h, Environments envs, Map<String, KustosProcess> replicas, List<String> expected, String value) {
        Set<String> live = new HashSet<>();
        replicas.values().forEach(p -> live.add(identityOf(p)));
        int share = (ENVIRONMENTS + live.size() - 1) / live.size() + 1;
        await(expected + " at A=" + value + ", shared among " + live.size() + " replicas").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    replicas.values().forEach(p -> assertTrue(p.isAlive(), () -> "a replica stopped:\n" + p.printed()));
                    var holders = holders(h, envs);
                    Map<String, Integer> load = new HashMap<>();
                    holders.values().forEach(r -> load.merge(r, 1, Integer::sum));
                    return expected.stream().allMatch(e -> value.equals(envs.configValue(e, "settings", "A")))
                            && live.containsAll(holders.values()) && holders.size() == ENVIRONMENTS
                            && load.size() == live.size() && load.values().stream().allMatch(n -> n <= share);
                });
    }

    /**
     * Each environment's commits applied once each: {@code commits} history records, all applied and of distinct revisions
     * ({@code commits - 1} for the {@code behind} environments), one Applied Event per record, and one "applied" log line
     * per record across all replicas ever started, each from a replica that took the environment's Lease; its holder now
     * took it too.
     */
    private static void awaitEachAppliedOnceByItsHolder(KustosHarness h, Environments envs, List<KustosProcess> ever,
                                                        Map<String, String> holders, int commits, List<String> behind) {
        // the settings are written before the record, the Event and the log line: those follow within the reconcile
        await("each environment's " + commits + " commits recorded once").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> envs.names().forEach(env -> assertAppliedOnceByItsHolder(h, envs, ever, holders, env,
                        behind.contains(env) ? commits - 1 : commits)));
    }

    private static void assertAppliedOnceByItsHolder(KustosHarness h, Environments envs, List<KustosProcess> ever,
                                                     Map<String, String> holders, String env, int applied) {
        List<String> records = new ArrayList<>();
        for (JsonNode r : envs.historyInCluster(env)) {
            assertEquals("applied", r.path("outcome").asText(), env + ": " + r);
            records.add(r.path("config").asText() + "/" + r.path("releases").asText());
        }
        assertEquals(new HashSet<>(records).size(), records.size(), env + ": a revision applied twice: " + records);
        assertEquals(applied, records.size(), env + ": " + records);
        var events = h.cluster().client().v1().events().inNamespace(envs.namespace(env)).list().getItems().stream()
                .filter(e -> "Applied".equals(e.getReason())).toList();
        assertEquals(records.size(), events.size(), env + ": one Applied Event per applied record");
        for (var e : events) { // each Event names the replica that wrote it, which took the environment's Lease
            KustosProcess by = ever.stream().filter(p -> String.valueOf(e.getReportingInstance()).endsWith(" pid " + p.pid()))
                    .findFirst().orElseThrow(() -> new AssertionError(env + ": an Applied Event by no replica: " + e.getReportingInstance()));
            assertTrue(by.stderr().contains("sharding: took environment " + env + " "),
                    () -> env + ": an Applied Event by " + e.getReportingInstance() + ", which never took it");
        }
        int lines = 0;
        for (KustosProcess p : ever) {
            int n = appliedLines(p, env);
            assertTrue(n == 0 || p.stderr().contains("sharding: took environment " + env + " "),
                    () -> env + " applied by a replica that never took it:\n" + p.printed());
            lines += n;
        }
        assertEquals(records.size(), lines, env + ": one replica's applied line per applied record");
        String holder = holders.get(env);
        KustosProcess owner = ever.stream().filter(p -> identityOf(p).equals(holder)).findFirst().orElseThrow();
        assertTrue(owner.stderr().contains("sharding: took environment " + env + " "), () -> env + " held by " + holder
                + " which never said it took it:\n" + owner.printed());
    }

    /** The daemon's lines saying it applied {@code env} ({@code ReportLog}, the environment in the MDC). */
    private static int appliedLines(KustosProcess p, String env) {
        Pattern line = Pattern.compile("ReportLog applied .*\\benvironment=" + Pattern.quote(env) + "\\b");
        return (int) p.stderr().lines().filter(l -> line.matcher(l).find()).count();
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

    /** What the replica of identity {@code holder} says of {@code env} in its /status (missing when no live replica is it). */
    private static JsonNode status(Map<String, KustosProcess> replicas, String holder, String env) {
        var owner = replicas.values().stream().filter(p -> identityOf(p).equals(holder)).findFirst();
        if (owner.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(new DaemonHttp(port(owner.get())).get("/status").body()).at("/environments/" + env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String error(Map<String, KustosProcess> replicas, String holder, String env) {
        return status(replicas, holder, env).path("error").asText("");
    }

    /** The port a replica listens on (server.port 0: a free one), as it logs it. */
    private static int port(KustosProcess p) {
        var m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(p.stderr());
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
