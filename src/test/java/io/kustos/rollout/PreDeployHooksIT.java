package io.kustos.rollout;

import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A version bump with a pre-deploy hook runs the Job once, then updates the image; the same
 * revision again runs nothing. A failing hook leaves the workload untouched and says why.
 */
class PreDeployHooksIT {
    private static String hook(String command) {
        return """
                hooks:
                  preDeploy:
                    - name: db-migrate
                      workload: app
                      command: %s
                      timeout: 2m
                """.formatted(command);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theHookRunsOnceBeforeTheNewVersion(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            assertEquals(0, h.kustos("apply").exit());
            var jobs = h.cluster().client().batch().v1().jobs().inNamespace(h.namespace());
            assertTrue(jobs.list().getItems().isEmpty(), "no hook without a new version");

            h.releases().commit("app 1.1.0", Map.of("environments/staging/release.yaml",
                    KustosHarness.release(Map.of("app", "registry.example.com/app:1.1.0"), hook("[rake, db:migrate]"))));
            var bump = h.kustos("apply");
            assertEquals(0, bump.exit(), bump.toString());
            assertTrue(bump.out().contains("= hook db-migrate: succeeded (job app-db-migrate-"), bump.toString());
            assertTrue(bump.out().matches("(?s).*= took [0-9.]+ s to write 1 object, [0-9.]+ s running 1 hook, then [0-9.]+ s waiting for 1 rollout\n.*"),
                    "the hook's time apart from the writes':\n" + bump);
            var all = jobs.list().getItems();
            assertEquals(1, all.size());
            var job = all.get(0);
            assertEquals("registry.example.com/app:1.1.0", job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals(java.util.List.of("rake", "db:migrate"), job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
            assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
            assertEquals("app-config", job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom().get(0).getConfigMapRef().getName());
            assertEquals("registry.example.com/app:1.1.0", image(h));

            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(0, again.writes(), again.toString());
            assertEquals(1, jobs.list().getItems().size(), "the same revision again runs no hook");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aFailingHookLeavesTheWorkloadUntouched(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            assertEquals(0, h.kustos("apply").exit());
            h.releases().commit("app 1.2.0", Map.of("environments/staging/release.yaml",
                    KustosHarness.release(Map.of("app", "registry.example.com/app:1.2.0"), hook("[sh, -c, fail-on-purpose]"))));
            var run = h.kustos("apply");
            assertEquals(6, run.exit(), run.toString());
            assertTrue(run.all().contains("hook db-migrate of deployment/" + h.namespace() + "/app (job app-db-migrate-"), run.toString());
            assertTrue(run.all().contains(") failed: "), run.toString());
            assertTrue(run.all().contains("deployment/" + h.namespace() + "/app was not changed"), run.toString());
            assertEquals("registry.example.com/app:1.0.0", image(h));
            var held = h.kustos("apply");
            assertEquals(6, held.exit(), held.toString());
            assertTrue(held.all().contains("failed before and is not tried again until a new commit"), held.toString());
            assertEquals(0, held.writes(), held.toString());
        }
    }

    private static String image(KustosHarness h) {
        return h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName("app").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
