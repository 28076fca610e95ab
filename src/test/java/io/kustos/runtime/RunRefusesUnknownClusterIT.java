package io.kustos.runtime;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos run} with an unknown context ({@code --context} or a target's {@code context:}) or
 * a kubeconfig that does not exist exits 3 at start with the one line {@code kustos apply} prints,
 * before serving or reconciling: it does not keep running and fail each reconcile.
 */
class RunRefusesUnknownClusterIT {
    private static final Map<String, String> FILES = Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnknownContextOptionStopsRunAtStart(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp)) {
            assertRefusedAsApplyRefuses(h, command -> h.kustos(command, "--context", "prdo"),
                    "context \"prdo\" (--context) does not exist in kubeconfig " + h.cluster().kubeconfig());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnknownContextOfATargetStopsRunAtStart(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp)) {
            Path kubeconfig = h.cluster().kubeconfig();
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()).replace("namespace: " + h.namespace() + " }",
                    "namespace: " + h.namespace() + ", kubeconfig: \"" + kubeconfig + "\", context: prdo }"));
            assertRefusedAsApplyRefuses(h, command -> KustosRun.of(command, "--config", h.kustosYaml().toString()),
                    "context \"prdo\" (kustos.yaml: target staging: context) does not exist in kubeconfig " + kubeconfig);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aKubeconfigThatDoesNotExistStopsRunAtStart(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = start(clusterName, tmp)) {
            Path missing = tmp.resolve("typo.kubeconfig");
            assertRefusedAsApplyRefuses(h, command -> h.kustosWith(missing, command),
                    "kubeconfig " + missing + " (--kubeconfig) does not exist");
        }
    }

    private static KustosHarness start(String clusterName, Path tmp) throws Exception {
        var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), FILES);
        Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                sync: { interval: 1h }
                server: { port: 0, host: 127.0.0.1 }
                """);
        return h;
    }

    private static void assertRefusedAsApplyRefuses(KustosHarness h, Function<String, KustosRun> kustos, String expected) {
        String applyError = errorLine(kustos.apply("apply"));
        assertTrue(applyError.contains(expected), applyError);

        KustosRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> kustos.apply("run"), "kustos run kept running");

        assertEquals(3, run.exit(), run.toString());
        assertEquals(applyError, errorLine(run), "the same one line as kustos apply");
        assertEquals(1, run.all().lines().filter(l -> l.startsWith("error: ")).count(), run.toString());
        assertFalse(run.all().contains("listening"), run.toString());
        assertFalse(run.all().contains("\tat "), "no stack trace: " + run);
        assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get(), "nothing may be reconciled");
        assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("kustos-history").get());
    }

    /** The "error: " line, wherever the command prints it (apply: in its report on stdout). */
    private static String errorLine(KustosRun run) {
        return run.all().lines().filter(l -> l.startsWith("error: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no error line: " + run));
    }
}
