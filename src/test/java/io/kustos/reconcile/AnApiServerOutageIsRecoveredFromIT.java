package io.kustos.reconcile;

import io.kustos.testsupport.RunsAlone;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureKind;
import io.kustos.render.Renderer;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Trial 16, X1: the daemon's API server went away while the environment was in sync (its polls
 * checking drift from the watch caches), and came back. Through the {@link FaultProxy} (plain http
 * on the embedded cluster, TLS on the real one) every request is reset and every watch cut, as a
 * killed API server does; git stays up. The drift checks that fail meanwhile are failures that may
 * pass: the next polls reconcile, backing off, until the API server answers. Then the environment
 * is reconciled again — when the cluster came back as it was (in sync), and when it came back
 * without the objects (restored from git) — its watches are up again, and a later hand edit is
 * healed. The watches are up again also when the first drift check, which starts them, ran
 * while the API server was away (fabric8 gives up on an informer whose first list fails).
 */
@RunsAlone
class AnApiServerOutageIsRecoveredFromIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    /** The kinds the caches watch in the namespace: ConfigMaps, Secrets, Deployments. */
    private static final int WATCHED_KINDS = 3;

    /** What the cluster holds when its API server answers again. */
    enum ComesBack {
        AS_IT_WAS(h -> { }),
        EMPTY(h -> h.cluster().client().configMaps().inNamespace(h.namespace()).delete()); // the objects and the history

        final Consumer<KustosHarness> meanwhile;

        ComesBack(Consumer<KustosHarness> meanwhile) {
            this.meanwhile = meanwhile;
        }
    }

    /** When the API server goes away: while the caches watch, or before the first drift check started them (trial 16's log). */
    enum GoesAway {
        WHILE_WATCHING, BEFORE_THE_WATCHES_START
    }

    static Stream<Arguments> cases() {
        return Stream.of("embedded", "realkube").flatMap(c -> Stream.of(GoesAway.values())
                .flatMap(a -> Stream.of(ComesBack.values()).map(b -> Arguments.of(c, a, b))));
    }

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
    @ParameterizedTest(name = "{0}, goes away {1}, comes back {2}")
    @MethodSource("cases")
    void theLoopReconcilesAgainWithBackoffAndWatchesAgain(String clusterName, GoesAway goesAway, ComesBack comesBack, @TempDir Path tmp)
            throws java.io.IOException {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var proxy = FaultProxy.inFrontOf(h.cluster(), tmp);
             var clients = new ClusterClients(proxy.kubeconfig(), null)) {
            FaultRule outage = proxy.on("*", ".*"); // faults nothing until the outage; made first, so it wins over the watches' rule
            FaultRule watches = proxy.on("GET", "/apis?/.*/namespaces/" + h.namespace() + "/.*").dropWatch();
            // the cluster's own retry waits an interval (ClusterOutages); the loop here is run at once, not at its delay
            java.nio.file.Files.writeString(h.kustosYaml(), java.nio.file.Files.readString(h.kustosYaml()) + "sync: { interval: 2s }\n");
            KustosConfig config = ConfigLoader.load(h.kustosYaml());
            var loop = new ReconcileLoop(config, new Renderer(Decryptor.NONE), clients, r -> { });
            var first = loop.runOnce();
            assertTrue(first.isPresent() && !first.get().failed(), String.valueOf(first));
            if (goesAway == GoesAway.WHILE_WATCHING) {
                assertTrue(loop.runOnce().isEmpty(), "in sync, seen from the watch caches it starts");
                await().atMost(Duration.ofSeconds(60)).until(() -> watches.openWatches() >= WATCHED_KINDS);
            }

            outage.always().reset();
            watches.drop();
            ReconcileReport failed = await("a poll to find the API server gone").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(loop::runOnce, r -> r.isPresent() && r.get().failed()).orElseThrow();
            assertEquals(FailureKind.TRANSIENT, failed.firstError().reason().kind(), failed.firstError().getMessage());
            var retried = loop.runOnce(); // still down: a reconcile, not a drift check that gives up on the environment
            assertTrue(retried.isPresent() && retried.get().retryable(), String.valueOf(retried));
            assertTrue(loop.consecutiveFailures() >= 2, "each failed attempt counts: " + loop.consecutiveFailures());
            assertTrue(loop.nextDelay().compareTo(config.sync().interval()) > 0, "backing off: " + loop.nextDelay());

            comesBack.meanwhile.accept(h); // straight to the cluster, not through the proxy
            outage.stop();
            await("the environment reconciled again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(() -> {
                        Optional<ReconcileReport> r = loop.runOnce();
                        return r.isPresent() && !r.get().failed() && "1".equals(value(h));
                    });
            assertEquals(0, loop.consecutiveFailures());
            assertEquals(config.sync().interval(), loop.nextDelay(), "no more backoff");

            await("the watches re-established").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(() -> {
                        loop.runOnce();
                        return watches.openWatches() >= WATCHED_KINDS;
                    });
            h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config")
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("A", "by-hand").build());
            await("the hand edit healed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(() -> {
                        loop.runOnce();
                        return "1".equals(value(h));
                    });
        }
    }

    private static String value(KustosHarness h) {
        ConfigMap cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
