package io.kustos.reconcile;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.testsupport.Environments;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.LogCapture;
import io.kustos.testsupport.TestClusters;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, behaviour 3: environments are reconciled concurrently, each with its own MDC
 * ({@code environment}, {@code revision}) on every log line, including the lines of the threads
 * that compare with the cluster, roll out and heal drift.
 *
 * <p>Concurrency is shown by the order of events, never by durations: staging (the first target)
 * has its Deployment web paused ({@code kubectl rollout pause}), so its rollout cannot finish until
 * the test resumes it; production's revision must be applied and recorded while staging still
 * waits. Both clusters hold a paused Deployment's rollout (the embedded one does not reconcile it
 * at all; the real controller-manager creates no new ReplicaSet for it).
 *
 * <p>The log is read as logging events (message, thread, MDC: what {@code --log-format json}
 * prints, which only {@code kustos run} has) of an in-process {@code kustos apply -vv}.
 */
class EnvironmentsReconcileConcurrentlyIT {
    private static final String WEB_1 = "registry.example.com/web:1.0.0";
    private static final String WEB_2 = "registry.example.com/web:2.0.0";
    /** The thread that runs kustos apply while the test watches the cluster. */
    private static final String CALLER = "test-runs-kustos-apply";

    private static KustosHarness start(String clusterName, Path tmp) {
        return KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/app/secret.yaml", secret("app-secret", "TOKEN", "staging-token"),
                "environments/production/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/production/app/secret.yaml", secret("app-secret", "TOKEN", "production-token")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void everyLogLineAboutAnEnvironmentCarriesItsEnvironmentAndRevision(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = new Environments(h)) {
            envs.add("production", "");
            try (var log = LogCapture.start()) {
                // the first apply creates each namespace's fingerprint key while comparing, and rolls out app (its config hash)
                var first = h.kustos("apply", "-vv");
                assertEquals(0, first.exit(), first.toString());
                assertEachLineCarriesItsEnvironment(h, envs, log.events(), first);
                assertSomeLinesComeFromOtherThreads(envs, log.events(), Thread.currentThread().getName());
            }

            for (String env : envs.names()) {
                ConfigMap cm = h.cluster().client().configMaps().inNamespace(envs.namespace(env)).withName("app-config").get();
                cm.getData().put("A", "by hand");
                h.cluster().client().configMaps().inNamespace(envs.namespace(env)).resource(cm).update();
            }
            try (var log = LogCapture.start()) {
                var healed = h.kustos("apply", "-vv");
                assertEquals(0, healed.exit(), "the hand edits are drift, restored:\n" + healed);
                assertEquals("1", envs.configValue("staging", "app-config", "A"), healed.toString());
                assertEquals("1", envs.configValue("production", "app-config", "A"), healed.toString());
                assertEachLineCarriesItsEnvironment(h, envs, log.events(), healed);
                for (String env : envs.names()) {
                    assertTrue(log.events().stream().anyMatch(e -> e.getFormattedMessage().contains("drift")
                                    && env.equals(e.getMDCPropertyMap().get("environment"))),
                            "a drift line of " + env + " with environment=" + env + ":\n" + lines(log.events()));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void productionAppliesWhileStagingsRolloutIsHeld(String clusterName, @TempDir Path tmp) throws Exception {
        var background = Executors.newSingleThreadExecutor(r -> new Thread(r, CALLER));
        try (var h = start(clusterName, tmp); var envs = new Environments(h)) {
            envs.add("production", "");
            for (String env : envs.names()) {
                envs.addDeployment(env, "web", WEB_1, 1, 600);
            }
            release(h, WEB_1);
            envs.withKubelets();
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());

            setPaused(h, envs, "staging", true);
            String head = release(h, WEB_2);
            try (var log = LogCapture.start()) {
                var apply = CompletableFuture.supplyAsync(() -> h.kustos("apply", "-vv"), background);
                boolean productionWhileStagingWaits;
                boolean stagingStillWaiting;
                try {
                    productionWhileStagingWaits = eventually(() -> applied(envs, "production", head) || apply.isDone());
                    productionWhileStagingWaits &= applied(envs, "production", head);
                    stagingStillWaiting = !apply.isDone() && !applied(envs, "staging", head);
                } finally {
                    setPaused(h, envs, "staging", false);
                }
                KustosRun run = apply.get(5, TimeUnit.MINUTES);
                assertTrue(productionWhileStagingWaits, "production's revision was not applied and recorded while staging's rollout was held "
                        + "(environments reconciled one after another?):\n" + run);
                assertTrue(stagingStillWaiting, "staging's rollout was held until production was recorded:\n" + run);
                assertEquals(0, run.exit(), "once resumed, staging's rollout finishes:\n" + run);
                assertEquals(WEB_2, envs.image("staging", "web"), run.toString());
                assertEquals(WEB_2, envs.image("production", "web"), run.toString());
                assertTrue(applied(envs, "staging", head), "staging's history records the revision once its rollout finished: "
                        + envs.historyInCluster("staging"));
                assertEachLineCarriesItsEnvironment(h, envs, log.events(), run);
                assertSomeLinesComeFromOtherThreads(envs, log.events(), CALLER);
            }
        } finally {
            background.shutdownNow();
        }
    }

    private static String release(KustosHarness h, String web) {
        return h.releases().commit("web " + web, Map.of(
                Environments.releasePath("staging"), Environments.release("staging", Map.of("app", "registry.example.com/app:1.0.0", "web", web)),
                Environments.releasePath("production"), Environments.release("production", Map.of("app", "registry.example.com/app:1.0.0", "web", web))));
    }

    /** {@code kubectl rollout pause|resume deployment/web} in {@code env}. */
    private static void setPaused(KustosHarness h, Environments envs, String env, boolean paused) {
        h.cluster().client().apps().deployments().inNamespace(envs.namespace(env)).withName("web")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"paused\":" + paused + "}}"); // no resourceVersion: no conflict with the controller
    }

    /** Whether {@code env}'s kustos-history has an {@code applied} record of the releases commit {@code head}. */
    private static boolean applied(Environments envs, String env, String head) {
        return envs.historyInCluster(env).stream()
                .anyMatch(r -> r.path("outcome").asText().equals("applied") && r.path("releases").asText().contains(head));
    }

    /** Waits up to two minutes for {@code condition}; false when it did not come. */
    private static boolean eventually(BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Every Kustos log line that names exactly one environment (its name as a word, or its
     * namespace) carries {@code environment=<that one>}; every line with an environment carries the
     * revision applied ({@code config=<sha>,releases=<sha>}, short shas); and each environment has
     * such lines. Whatever thread logged them: the comparison's, a rollout's, drift healing's.
     */
    private static void assertEachLineCarriesItsEnvironment(KustosHarness h, Environments envs, List<ILoggingEvent> events, KustosRun run) {
        String config = h.config().head().substring(0, 7);
        String releases = h.releases().head().substring(0, 7);
        for (ILoggingEvent e : events) {
            List<String> named = envs.names().stream().filter(env -> names(e.getFormattedMessage(), env, envs.namespace(env))).toList();
            Map<String, String> mdc = e.getMDCPropertyMap();
            if (named.size() == 1) {
                assertEquals(named.get(0), mdc.get("environment"), "a line about " + named.get(0) + " carries environment=" + named.get(0)
                        + ": " + line(e) + "\nall lines:\n" + lines(events) + "\n" + run);
            }
            if (mdc.containsKey("environment")) {
                String revision = String.valueOf(mdc.get("revision"));
                assertTrue(revision.contains("config=" + config) && revision.contains("releases=" + releases),
                        "a line of " + mdc.get("environment") + " carries revision=config=" + config + ",releases=" + releases + ": " + line(e)
                                + "\nall lines:\n" + lines(events));
            }
        }
        for (String env : envs.names()) {
            List<ILoggingEvent> own = events.stream().filter(e -> env.equals(e.getMDCPropertyMap().get("environment"))).toList();
            assertFalse(own.isEmpty(), "no log line with environment=" + env + ":\n" + lines(events) + "\n" + run);
        }
    }

    /** Lines about environments logged by other threads than the one that ran kustos (comparison, rollout) are among those checked. */
    private static void assertSomeLinesComeFromOtherThreads(Environments envs, List<ILoggingEvent> events, String caller) {
        assertTrue(events.stream().anyMatch(e -> !e.getThreadName().equals(caller)
                        && envs.names().stream().anyMatch(env -> names(e.getFormattedMessage(), env, envs.namespace(env)))),
                "some lines about an environment come from other threads than " + caller + " (comparison, rollout):\n" + lines(events));
    }

    private static boolean names(String message, String env, String namespace) {
        return message.contains(namespace) || Pattern.compile("\\b" + Pattern.quote(env) + "\\b").matcher(message).find();
    }

    private static String line(ILoggingEvent e) {
        return "[" + e.getThreadName() + "] " + e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap();
    }

    private static String lines(List<ILoggingEvent> events) {
        var sb = new StringBuilder();
        events.forEach(e -> sb.append("  ").append(line(e)).append('\n'));
        return sb.toString();
    }
}
