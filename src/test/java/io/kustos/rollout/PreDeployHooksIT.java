package io.kustos.rollout;

import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A version bump with a pre-deploy hook runs the Job once, then updates the image; the Job is
 * deleted and its success kept on the workload, so the same version again runs nothing. A failing
 * hook leaves the workload untouched and says why; {@code --retry} runs it again.
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

            releaseWithHook(h, "1.1.0", "[rake, db:migrate]");
            var bump = h.kustos("apply");
            assertEquals(0, bump.exit(), bump.toString());
            assertTrue(bump.out().contains("= hook db-migrate: succeeded (job app-db-migrate-"), bump.toString());
            assertTrue(bump.out().matches("(?s).*= took [0-9.]+ s to write 1 object, [0-9.]+ s running 1 hook, then [0-9.]+ s waiting for 1 rollout\n.*"),
                    "the hook's time apart from the writes':\n" + bump);
            assertEquals("registry.example.com/app:1.1.0", image(h));
            String job = bump.out().replaceAll("(?s).*\\(job (app-db-migrate-[0-9a-f]+)\\).*", "$1");
            assertTrue(hooksSucceeded(h).contains(job), "the success is kept on the workload: " + hooksSucceeded(h));
            assertNoJobs(h);

            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(0, again.writes(), again.toString());
            assertTrue(jobs.list().getItems().isEmpty(), "the same revision again runs no hook");

            // 1.0.0 without the hook, then 1.1.0 again: its hook already ran, though its Job is gone
            h.releases().commit("app back to 1.0.0", Map.of("environments/staging/release.yaml", KustosHarness.release("registry.example.com/app:1.0.0")));
            assertEquals(0, h.kustos("apply").exit());
            releaseWithHook(h, "1.1.0", "[rake, db:migrate]");
            var back = h.kustos("apply");
            assertEquals(0, back.exit(), back.toString());
            assertTrue(back.out().contains("= hook db-migrate: already ran for this version (job " + job + ")"), back.toString());
            assertTrue(jobs.list().getItems().isEmpty(), "no Job for a hook that already ran");
            assertEquals("registry.example.com/app:1.1.0", image(h));
        }
    }

    /** A transient failure (the first run fails): the revision tried again runs the hook again, with --retry or a new commit. */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"embedded, --retry", "realkube, --retry", "embedded, a new commit", "realkube, a new commit"})
    void aHookThatFailedRunsAgainWhenTheRevisionIsTriedAgain(String clusterName, String how, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            assertEquals(0, h.kustos("apply").exit());
            releaseWithHook(h, "1.2.0", "[sh, -c, fail-first-try]");
            var failed = h.kustos("apply");
            assertEquals(6, failed.exit(), failed.toString());
            assertTrue(failed.all().contains(") failed: "), failed.toString());
            assertEquals("registry.example.com/app:1.0.0", image(h));
            assertEquals(6, h.kustos("apply").exit(), "held until a new commit or --retry");

            if (how.equals("a new commit")) {
                h.config().commit("A=2", Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "2")));
            }
            var retry = how.equals("--retry") ? h.kustos("apply", "--retry") : h.kustos("apply");
            assertEquals(0, retry.exit(), retry.toString());
            assertTrue(retry.out().contains("= hook db-migrate: succeeded (job app-db-migrate-"), retry.toString());
            assertEquals("registry.example.com/app:1.2.0", image(h));
            assertNoJobs(h);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aFailingHookLeavesTheWorkloadUntouched(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            assertEquals(0, h.kustos("apply").exit());
            releaseWithHook(h, "1.2.0", "[sh, -c, fail-on-purpose]");
            var run = h.kustos("apply");
            assertEquals(6, run.exit(), run.toString());
            assertTrue(run.all().contains("releases:environments/staging/release.yaml: hooks.preDeploy[0]: hook db-migrate of deployment/"
                    + h.namespace() + "/app (job app-db-migrate-"), "names where the release manifest declares the hook: " + run);
            assertTrue(run.all().contains(") failed: "), run.toString());
            assertTrue(run.all().contains("deployment/" + h.namespace() + "/app was not changed"), run.toString());
            assertEquals("registry.example.com/app:1.0.0", image(h));
            var held = h.kustos("apply");
            assertEquals(6, held.exit(), held.toString());
            assertTrue(held.all().contains("failed before and is not tried again until a new commit"), held.toString());
            assertEquals(0, held.writes(), held.toString());
        }
    }

    private static String hooksSucceeded(KustosHarness h) {
        var annotations = h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName("app").get()
                .getMetadata().getAnnotations();
        return String.valueOf(annotations.get("kustos.io/hooks-succeeded"));
    }

    /** A hook's Job is deleted once it succeeded, before apply returns (its pods follow in the background). */
    private static void assertNoJobs(KustosHarness h) {
        assertEquals(List.of(), h.cluster().client().batch().v1().jobs().inNamespace(h.namespace()).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).toList());
    }

    /** Releases app {@code version} with the db-migrate hook running {@code command}. */
    private static void releaseWithHook(KustosHarness h, String version, String command) {
        h.releases().commit("app " + version, Map.of("environments/staging/release.yaml",
                KustosHarness.release(Map.of("app", "registry.example.com/app:" + version), hook(command))));
    }

    private static String image(KustosHarness h) {
        return h.cluster().client().apps().deployments().inNamespace(h.namespace()).withName("app").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
