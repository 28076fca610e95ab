package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureReason;
import io.kustos.render.Renderer;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15.8: what {@code kustos apply} does when the API server fails a read (the live state's
 * lists) or a dry run, through the {@link FaultProxy} (plain http on the embedded cluster, TLS on
 * the real one). Environments staging and dev stand at A=1; a commit sets A=2 in both; the faults
 * hit dev's namespace only. A 500, a 503 or a reset that persists fails dev alone with exit 5
 * (try again), after the client's retries (fabric8's, three today), and nothing of the revision is written to dev; one
 * that passes is retried away. A 429 on every attempt is exit 5 too, and the daemon waits its
 * Retry-After. A stalled request is cut by the client's request timeout (fabric8's 10 s) and reported.
 */
class ApiFaultsDuringReadsIT {
    /**
     * Attempts before giving up: at least two (today four, fabric8's requestRetryBackoffLimit 3 as
     * ClusterClients sets it; asserted as "retried", so that a change of the retry policy keeps these tests true).
     */
    private static final int RETRIED = 2;

    /** Where the fault hits, in dev's namespace {@code ns}. */
    enum Phase {
        LIVE_READ("the live state's list of Deployments", (proxy, ns) -> proxy.on("GET", "/apis/apps/v1/namespaces/" + ns + "/deployments").notWatches()
                // not the rollout wait's list of one Deployment by name (fieldSelector=metadata.name=...)
                .query("^(?!.*fieldSelector=)")),
        DRY_RUN("the dry run of ConfigMap app-config", (proxy, ns) -> proxy.on("PATCH", "/api/v1/namespaces/" + ns + "/configmaps/app-config").query("dryRun=All"));

        final String what;
        final java.util.function.BiFunction<FaultProxy, String, FaultRule> rule;

        Phase(String what, java.util.function.BiFunction<FaultProxy, String, FaultRule> rule) {
            this.what = what;
            this.rule = rule;
        }
    }

    /** A fault that persists through every attempt. */
    enum Failure {
        HTTP_500(r -> r.always().status(500), "(HTTP 500)"),
        HTTP_503(r -> r.always().status(503), "(HTTP 503)"),
        RESET(r -> r.always().reset(), "got no answer");

        final UnaryOperator<FaultRule> fault;
        final String reported;

        Failure(UnaryOperator<FaultRule> fault, String reported) {
            this.fault = fault;
            this.reported = reported;
        }
    }

    static Stream<Arguments> persistentFaults() {
        return Stream.of("embedded", "realkube").flatMap(c -> Stream.of(Phase.values())
                .flatMap(p -> Stream.of(Failure.values()).map(f -> Arguments.of(c, p, f))));
    }

    @ParameterizedTest(name = "{0}: {2} on {1}")
    @MethodSource("persistentFaults")
    void aPersistentFaultFailsThatEnvironmentAloneWithExit5AndWritesNothingThere(String clusterName, Phase phase, Failure failure,
                                                                                 @TempDir Path tmp) {
        try (var staged = Staged.start(clusterName, tmp)) {
            KustosHarness h = staged.h();
            Environments envs = staged.envs();
            FaultProxy proxy = staged.proxy();
            String dev = staged.dev();
            FaultRule rule = failure.fault.apply(phase.rule.apply(proxy, dev));

            KustosRun run = staged.throughProxy("apply");

            assertEquals(5, run.exit(), "a " + failure + " on " + phase.what + " is exit 5, try again:\n" + run);
            assertOutcome(run, "dev", "FAILED");
            assertOutcome(run, "staging", "applied");
            assertTrue(run.all().contains(failure.reported), "the report says what happened (" + failure.reported + "):\n" + run);
            assertTrue(rule.faulted() >= RETRIED, "the client retried before giving up:\n" + proxy.requests());
            assertEquals("2", envs.configValue("staging", "app-config", "A"), "staging applied:\n" + run);
            assertEquals("1", envs.configValue("dev", "app-config", "A"), "dev keeps its revision:\n" + run);
            assertEquals(List.of(), managedWrites(proxy, dev), "nothing of the revision was written to dev");
            if (phase == Phase.LIVE_READ) {
                assertEquals(0, proxy.count("PATCH", "/.*/namespaces/" + dev + "/.*dryRun=All.*"), "a failed live read stops dev before its dry runs: " + proxy.requests());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aFaultThatPassesIsRetriedAwayByTheClient(String clusterName, @TempDir Path tmp) {
        try (var staged = Staged.start(clusterName, tmp)) {
            KustosHarness h = staged.h();
            Environments envs = staged.envs();
            FaultProxy proxy = staged.proxy();
            String dev = staged.dev();
            FaultRule read = Phase.LIVE_READ.rule.apply(proxy, dev).first(2).status(503);
            FaultRule dryRun = Phase.DRY_RUN.rule.apply(proxy, dev).first(1).reset();

            KustosRun run = staged.throughProxy("apply");

            assertEquals(0, run.exit(), "two 503s and a reset, each followed by an answer, are retried:\n" + run);
            assertEquals(4, read.matched(), "the list was sent three times, then once more under the write lock: " + proxy.requests());
            assertEquals(2, dryRun.matched(), "the dry run twice: " + proxy.requests());
            assertEquals("2", envs.configValue("dev", "app-config", "A"), "dev applied:\n" + run);
        }
    }

    /** {@code kustos diff} reads the same way: a list that keeps failing is exit 5 too, naming the read and the status. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void diffFailsWithExit5WhenAListKeepsFailing(String clusterName, @TempDir Path tmp) {
        try (var staged = Staged.start(clusterName, tmp)) {
            String dev = staged.dev();
            FaultRule rule = Phase.LIVE_READ.rule.apply(staged.proxy(), dev).always().status(500);

            KustosRun run = staged.throughProxy("diff");

            assertEquals(5, run.exit(), "a list that keeps failing is exit 5, try again:\n" + run);
            assertTrue(run.all().contains("cannot list deployments in namespace " + dev + " (HTTP 500)"), "the report names the read:\n" + run);
            assertTrue(run.out().contains("+  A: '2'"), "staging's diff is still printed:\n" + run);
            assertTrue(rule.faulted() >= RETRIED, "retried before giving up: " + staged.proxy().requests());
            assertEquals(List.of(), managedWrites(staged.proxy(), dev), "a diff writes nothing");
        }
    }

    /**
     * One 429 is retried by the client. A 429 on every attempt fails dev alone with exit 5, and the
     * daemon's loop waits the Retry-After the server asked for before its next attempt. (fabric8
     * 7.8.0's own retries wait their backoff, not the Retry-After: not asserted either way.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void tooManyRequestsIsRetriedAndAThrottledReadWaitsItsRetryAfter(String clusterName, @TempDir Path tmp) {
        try (var staged = Staged.start(clusterName, tmp)) {
            KustosHarness h = staged.h();
            Environments envs = staged.envs();
            FaultProxy proxy = staged.proxy();
            String dev = staged.dev();
            FaultRule once = Phase.LIVE_READ.rule.apply(proxy, dev).first(1).tooManyRequests(2);

            KustosRun run = staged.throughProxy("apply");

            assertEquals(0, run.exit(), "one 429 is retried:\n" + run);
            assertEquals(3, once.matched(), "twice, then once more under the write lock: " + proxy.requests());
            assertEquals("2", envs.configValue("dev", "app-config", "A"), "dev applied:\n" + run);

            h.config().commit("A=3 everywhere", everyEnvironment("3"));
            once.stop();
            FaultRule always = Phase.LIVE_READ.rule.apply(proxy, dev).always().tooManyRequests(7);
            try (var clients = new ClusterClients(proxy.kubeconfig(), null)) {
                var loop = new ReconcileLoop(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, r -> { });
                ReconcileReport report = loop.runOnce().orElseThrow();
                assertEquals(FailureReason.THROTTLED, report.firstError().reason(), report.firstError().getMessage());
                assertTrue(report.firstError().getMessage().contains("cannot list deployments in namespace " + dev + " (HTTP 429)"),
                        report.firstError().getMessage());
                assertEquals(Duration.ofSeconds(7), loop.nextDelay(), "the daemon polls again after the server's Retry-After");
            }
            assertTrue(always.matched() >= RETRIED, "retried before giving up: " + proxy.requests());
            assertEquals("2", envs.configValue("dev", "app-config", "A"), "dev keeps its revision");
            assertEquals("3", envs.configValue("staging", "app-config", "A"), "staging applied");

            int before = proxy.requests().size();
            run = staged.throughProxy("apply");
            assertEquals(5, run.exit(), "throttled on every attempt: exit 5, try again:\n" + run);
            assertOutcome(run, "dev", "FAILED");
            assertTrue(run.all().contains("(HTTP 429)"), "the report says the API server throttled:\n" + run);
            assertEquals(List.of(), managedWrites(proxy.requests().subList(before, proxy.requests().size()), dev), "nothing was written to dev");
        }
    }

    /**
     * A stalled list is cut by the client's request timeout (fabric8's 10 s; not retried) and
     * reported: dev fails alone with exit 5 naming the timeout; once the API server answers again
     * the next apply converges.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aStalledReadIsCutByTheRequestTimeoutAndReported(String clusterName, @TempDir Path tmp) {
        try (var staged = Staged.start(clusterName, tmp)) {
            KustosHarness h = staged.h();
            Environments envs = staged.envs();
            FaultProxy proxy = staged.proxy();
            String dev = staged.dev();
            FaultRule stalled = Phase.LIVE_READ.rule.apply(proxy, dev).stall();

            KustosRun run = staged.throughProxy("apply");

            assertEquals(5, run.exit(), "a stalled read is exit 5, try again:\n" + run);
            assertOutcome(run, "dev", "FAILED");
            assertOutcome(run, "staging", "applied");
            assertTrue(run.all().contains("cannot list deployments in namespace " + dev) && run.all().contains("timeout"),
                    "the report names the read and the timeout:\n" + run);
            assertTrue(run.out().contains("got no answer"), "the report counts the request that got no answer:\n" + run);
            await().atMost(Duration.ofSeconds(30)).until(() -> stalled.held() == 0); // the client hung up
            assertEquals(List.of(), managedWrites(proxy, dev), "nothing was written to dev");
            assertEquals("1", envs.configValue("dev", "app-config", "A"), "dev keeps its revision");

            stalled.release();
            run = staged.throughProxy("apply");
            assertEquals(0, run.exit(), "the API server answers again: dev converges:\n" + run);
            assertEquals("2", envs.configValue("dev", "app-config", "A"));
        }
    }

    /**
     * staging and dev at A=1, applied straight (not through the proxy), a proxy in front of the
     * cluster, and a commit that sets A=2 in both.
     */
    private record Staged(KustosHarness h, Environments envs, FaultProxy proxy) implements AutoCloseable {
        static Staged start(String clusterName, Path tmp) {
            var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), everyEnvironment("1"));
            var envs = new Environments(h);
            envs.add("dev", "");
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), "two valid environments apply:\n" + first);
            assertEquals("1", envs.configValue("dev", "app-config", "A"));
            h.config().commit("A=2 everywhere", everyEnvironment("2"));
            return new Staged(h, envs, FaultProxy.inFrontOf(h.cluster(), tmp));
        }

        /** dev's namespace, where the faults hit. */
        String dev() {
            return envs.namespace("dev");
        }

        /** {@code kustos <command>} with a kubeconfig that goes through the proxy. */
        KustosRun throughProxy(String command) {
            return h.kustosWith(proxy.kubeconfig(), command);
        }

        @Override
        public void close() {
            proxy.close();
            envs.close();
            h.close();
        }
    }

    private static Map<String, String> everyEnvironment(String value) {
        return Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", value),
                "environments/dev/app/config.yaml", configMap("app-config", "A", value));
    }

    /** Writes to objects Kustos manages in {@code ns} that went through the proxy: not dry runs, not its history or Events. */
    private static List<String> managedWrites(FaultProxy proxy, String ns) {
        return managedWrites(proxy.requests(), ns);
    }

    private static List<String> managedWrites(List<String> requests, String ns) {
        return requests.stream().filter(r -> !r.startsWith("GET "))
                .filter(r -> r.contains("/namespaces/" + ns + "/"))
                .filter(r -> !r.contains("dryRun=All") && !r.contains("/configmaps/kustos-history") && !r.contains("/events")
                        && !r.contains("/leases/kustos-lock-") && !(r.startsWith("POST ") && r.contains("/configmaps?") || r.startsWith("POST ") && r.endsWith("/configmaps")))
                // the write lock; the history's creates (Kustos applies its own ConfigMaps, never POSTs them)
                .toList();
    }

    private static void assertOutcome(KustosRun run, String env, String outcome) {
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(env + ": " + outcome)),
                "kustos apply prints " + env + "'s own outcome (" + env + ": " + outcome + "…):\n" + run);
    }
}
