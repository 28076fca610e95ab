package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18's targets and ratios as the report judges them from figures given here (no measurement, no timing). */
class BenchReportTest {
    private static final String C = "embedded";

    private static Map<String, String> target(Results r, String startingWith) {
        var targets = new BenchReport(r, Map.of()).targets();
        return targets.stream().filter(m -> m.get("target").startsWith(startingWith)).findFirst()
                .orElseThrow(() -> new AssertionError("no target " + startingWith + " in " + targets));
    }

    private static Results with(String scenario, String metric, String unit, double... values) {
        return add(new Results(), scenario, metric, unit, values);
    }

    private static Results add(Results r, String scenario, String metric, String unit, double... values) {
        for (double v : values) {
            r.add(C, scenario, metric, unit, v);
        }
        return r;
    }

    private static Results coldApply(double... lessWaits) {
        var r = with(ServerFloorScenario.SCENARIO, "dry runs", "s", 1.0);
        add(r, ServerFloorScenario.SCENARIO, "writes", "s", 3.0);
        return add(r, ColdApplyScenario.SCENARIO, ColdApplyScenario.WALL_LESS_WAITS, "s", lessWaits);
    }

    @Test
    void coldApplyLessRolloutWaitsIsJudgedAgainstTheServerFloorOfTheSameRun() {
        String floor = "embedded: cold apply less rollout waits: <= 1.2x the server floor";

        var met = target(coldApply(4.7, 9.0, 4.6), floor); // median 4.7 against 1.0 + 3.0 s: 1.175x
        var missed = target(coldApply(4.9), floor);         // 1.225x

        assertEquals("MET", met.get("met"));
        assertTrue(met.get("measured").startsWith("1.18x (kustos 4.70 s without waiting for rollouts, floor 4 s)"), met.toString());
        assertEquals("MISSED", missed.get("met"));
        assertTrue(new BenchReport(coldApply(4.7), Map.of()).ratios().contains(
                Map.of("what", "embedded: cold apply, kustos less rollout waits / server floor (dry runs + writes)", "ratio", "1.18x")));
    }

    @Test
    void requestsPerWrittenObjectMustStayAtOrUnder205InEveryRun() {
        String rpo = "embedded: cold apply: <= 2.05 requests per written object";

        assertEquals("MET", target(with(ColdApplyScenario.SCENARIO, "kustos requests per written object", "req/obj", 2.03, 2.05), rpo).get("met"));
        assertEquals("MISSED", target(with(ColdApplyScenario.SCENARIO, "kustos requests per written object", "req/obj", 2.03, 2.06), rpo).get("met"));
    }

    @Test
    void webhookIsP50300AndP95600MsAndTheLargerShapeWithinTwentyPercentOfThat() {
        var r = with(DaemonScenarios.WEBHOOK, "latency", "ms", 200, 250, 280, 300, 590);
        String large = DaemonScenarios.WEBHOOK + DaemonScenarios.label(new BenchShape(10000, 300, 100));
        add(r, large, "latency", "ms", 340, 350, 360, 700, 730);

        var own = target(r, "embedded: webhook to applied: p50 <= 300 ms, p95 <= 600 ms");
        var scaled = target(r, "embedded: webhook to applied (10000 objects, 100 environments): p50 <= 360 ms, p95 <= 720 ms");

        assertEquals("MET", own.get("met"));
        assertEquals("p50 280 ms, p95 590 ms, n 5", own.get("measured"));
        assertEquals("MISSED", scaled.get("met")); // p95 730 ms
        assertEquals("p50 360 ms, p95 730 ms, n 5 (1.29x and 1.24x the run's own shape)", scaled.get("measured"));
    }

    @Test
    void cliStartIsJudgedOnTheMedianWallWithCpuAndKubectlBeside() {
        String s = CliStartScenario.SCENARIO;
        var r = with(s, CliStartScenario.wall("kustos apply"), "s", 0.5, 0.55, 2.0);
        add(r, s, CliStartScenario.cpu("kustos apply"), "s", 0.7, 0.8, 0.9);
        add(r, s, CliStartScenario.wall("kustos diff"), "s", 0.61);
        add(r, s, CliStartScenario.wall("kustos validate"), "s", 0.41);
        add(r, s, CliStartScenario.wall("kubectl apply --server-side"), "s", 0.1, 0.11, 0.12);

        var apply = target(r, "embedded: CLI start: no-op kustos apply of the example repo <= 0.60 s wall");

        assertEquals("MET", apply.get("met"));
        assertEquals("0.55 s wall (n 3), CPU 0.80 s, 5x kubectl's 0.11 s", apply.get("measured"));
        assertEquals("MISSED", target(r, "embedded: CLI start: no-op kustos diff").get("met"));
        assertEquals("MISSED", target(r, "embedded: CLI start: no-op kustos validate of the example repo <= 0.40 s").get("met"));
    }

    @Test
    void daemonRssIs160MiBForTheRunsShapeAnd320ForTheLargerWithTheHeapLiveSetBeside() {
        var r = with(DaemonScenarios.MEMORY, "RSS after 1.0 min of 10 s polls", "MiB", 150);
        add(r, DaemonScenarios.MEMORY, DaemonScenarios.HEAP_LIVE, "MiB", 42.5);
        add(r, DaemonScenarios.MEMORY + " (10000 objects, 100 environments)", "RSS after 30.0 min of 10 s polls", "MiB", 330);

        var own = target(r, "embedded: daemon memory: RSS <= 160 MiB (RSS after 1.0 min of 10 s polls; the target is after 30 min)");
        var large = target(r, "embedded: daemon memory (10000 objects, 100 environments): RSS <= 320 MiB (RSS after 30.0 min of 10 s polls)");

        assertEquals("MET", own.get("met"));
        assertEquals("150 MiB, heap live set 42.5 MiB", own.get("measured"));
        assertEquals("MISSED", large.get("met"));
    }

    @Test
    void aQuickRunSaysSoAboveItsTable() {
        var r = with(DaemonScenarios.WEBHOOK, "latency", "ms", 200);
        r.note("quick", BenchRun.QUICK_NOTE);
        var out = new ByteArrayOutputStream();

        new BenchReport(r, Map.of()).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(printed.startsWith("QUICK RUN (--quick)"), printed);
        assertTrue(printed.contains("Targets (quick run: indicative, not the release figures):"), printed);
    }
}
