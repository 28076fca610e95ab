package io.kustos.reconcile;

import io.kustos.testsupport.Environments;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14, behaviour 2: promotion is explicit. Production with {@code after: [staging]} applies a
 * release revision only once staging applied it: while staging's rollout fails, production keeps
 * its image and {@code kustos apply} says "waiting for staging"; once a new commit fixes staging,
 * production follows. Without {@code after:} there is no ordering: production applies even when
 * staging fails. A rollout fails by an image tag with {@code crashloop} (the embedded cluster's
 * knob; on realkube the {@link FakeKubelet} never makes such pods ready) and a 3 s progress deadline.
 */
class PromotionWaitsIT {
    private static final String WEB_1 = "registry.example.com/web:1.0.0";

    /** Staging and production, each with Deployment web (1 replica, 3 s progress deadline) at 1.0.0, and fake kubelets (realkube). */
    private static Environments stagingAndProduction(KustosHarness h, String productionFields) {
        var envs = new Environments(h);
        envs.add("production", productionFields);
        for (String env : envs.names()) {
            envs.addDeployment(env, "web", WEB_1, 1, 3);
        }
        release(h, "web 1.0.0", WEB_1, WEB_1);
        return envs.withKubelets();
    }

    private static void release(KustosHarness h, String message, String stagingWeb, String productionWeb) {
        h.releases().commit(message, Map.of(
                Environments.releasePath("staging"), Environments.release("staging", Map.of("app", "registry.example.com/app:1.0.0", "web", stagingWeb)),
                Environments.releasePath("production"), Environments.release("production", Map.of("app", "registry.example.com/app:1.0.0", "web", productionWeb))));
    }

    /** Applies web 1.0.0 everywhere, then a release whose web 2.0.0 never becomes ready in staging (but would in production); its apply. */
    private static KustosRun stagingFails(KustosHarness h) {
        var first = h.kustos("apply");
        assertEquals(0, first.exit(), "both environments apply web 1.0.0 (" + h.kustosYaml() + "):\n" + first);
        release(h, "web 2.0.0, which never becomes ready in staging", "registry.example.com/web:2.0.0-crashloop", "registry.example.com/web:2.0.0");
        var run = h.kustos("apply");
        assertEquals(6, run.exit(), "staging's rollout failed (exit 6):\n" + run);
        return run;
    }

    private static KustosHarness start(String clusterName, Path tmp) {
        return KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/production/app/config.yaml", configMap("app-config", "A", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void productionWaitsWhileStagingFailsAndFollowsOnceItSucceeds(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = stagingAndProduction(h, "after: [staging]")) {
            var failing = stagingFails(h);
            assertTrue(failing.out().contains("waiting for staging"), "kustos apply says production is waiting for staging:\n" + failing);
            assertEquals(WEB_1, envs.image("production", "web"), "production keeps web 1.0.0 while staging has not applied 2.0.0:\n" + failing);
            assertEquals(WEB_1, envs.image("staging", "web"), "staging was rolled back to 1.0.0:\n" + failing);
            var history = h.kustos("history", "-e", "production");
            assertTrue(history.out().contains("waiting for staging"), "production's history says it waits for staging:\n" + history);
            var waiting = envs.history("production").get(0);
            assertEquals("waiting", waiting.path("outcome").asText(), waiting.toString());
            assertTrue(waiting.path("objects").isEmpty(), "nothing was written, so the record lists no object: " + waiting);

            release(h, "web 2.0.1 fixes staging", "registry.example.com/web:2.0.1", "registry.example.com/web:2.0.1");
            var fixed = h.kustos("apply");
            assertEquals(0, fixed.exit(), "staging applies the fix:\n" + fixed);
            assertEquals("registry.example.com/web:2.0.1", envs.image("staging", "web"), fixed.toString());
            KustosRun next = envs.image("production", "web").endsWith(":2.0.1") ? fixed : h.kustos("apply");
            assertEquals(0, next.exit(), "production applies once staging succeeded:\n" + fixed + "\n--- then\n" + next);
            assertEquals("registry.example.com/web:2.0.1", envs.image("production", "web"),
                    "production has the release staging applied, after at most two applies:\n" + fixed + "\n--- then\n" + next);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void withoutAfterProductionAppliesWhileStagingFails(String clusterName, @TempDir Path tmp) {
        try (var h = start(clusterName, tmp); var envs = stagingAndProduction(h, "")) {
            var run = stagingFails(h);
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("production: applied")),
                    "without after:, production does not depend on staging:\n" + run);
            assertEquals("registry.example.com/web:2.0.0", envs.image("production", "web"), "production applied web 2.0.0:\n" + run);
            assertEquals(WEB_1, envs.image("staging", "web"), "staging was rolled back to 1.0.0:\n" + run);
        }
    }
}
