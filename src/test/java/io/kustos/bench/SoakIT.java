package io.kustos.bench;

import io.kustos.testsupport.RunsAlone;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, point 10, the short soak the CI runs: {@code kustos run} as its own process, driven by
 * webhook through 30 seeded random commits of every kind (ConfigMap and SOPS Secret changes, image
 * bumps, reverts, bad commits and their fixes, force pushes refused and the branch restored). Each
 * commit gets the expected verdict in {@code /status} (a bad commit's value never reaches the
 * cluster until its fix), then {@code kustos diff} finds the cluster equal to git and every history
 * holds exactly one record per revision that changed the environment. Not RSS, not timings:
 * {@code kustos bench soak} measures those (docs/benchmarks.md). Replay a failure with
 * {@code -Dkustos.soak.seed=<seed>}.
 */
@RunsAlone
class SoakIT {
    private static final BenchShape SHAPE = new BenchShape(24, 6, 2);
    /** A seed whose 30 commits hold every kind of step; a failure message names it. */
    private static final long SEED = Long.getLong("kustos.soak.seed", 1L);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void thirtyRandomCommitsConvergeWithACompleteHistory(String clusterName, @TempDir Path tmp) {
        var out = new ByteArrayOutputStream();
        try (var ws = new BenchWorkspace(SHAPE, tmp.resolve("soak")); BenchCluster cluster = open(clusterName, tmp)) {
            var report = new Soak(new Soak.Settings(30, SEED, 1, false), new PrintStream(out, true, StandardCharsets.UTF_8)).run(ws, cluster);
            report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
            String text = "seed " + SEED + ":\n" + out.toString(StandardCharsets.UTF_8);
            assertNull(report.failure(), text);
            assertTrue(Arrays.stream(SoakStep.Kind.values()).allMatch(k -> report.count(k) > 0), "every kind of commit ran:\n" + text);
            assertEquals(0, report.historyProblems().size(), text);
            assertTrue(report.historyComplete(), text);
            assertTrue(report.converged(), "kustos diff finds the cluster equal to git:\n" + text);
        }
    }

    private static BenchCluster open(String name, Path tmp) {
        if (name.equals("embedded")) {
            return EmbeddedBenchCluster.start(tmp);
        }
        Path kubeconfig;
        try (var real = TestClusters.realkube()) {
            kubeconfig = real.kubeconfig();
        }
        return new MetricsBenchCluster("realkube", kubeconfig);
    }
}
