package io.kustos.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scale report's arithmetic: growth per environment, and the no-op polls' cost per round. */
class ScaleReportTest {
    @Test
    void growthIsTheLeastSquaresSlopePerEnvironment() {
        assertEquals(2.0, ScaleGrowth.perEnvironment(Map.of(1, 12.0, 10, 30.0)).orElseThrow(), 1e-9);
        // 1 -> 10, 10 -> 19, 100 -> 199, off one line: sum(dx dy) / sum(dx dx) around the means (37, 76) = 11664 / 5994
        assertEquals(11664.0 / 5994, ScaleGrowth.perEnvironment(Map.of(1, 10.0, 10, 19.0, 100, 199.0)).orElseThrow(), 1e-9);
        assertTrue(ScaleGrowth.perEnvironment(Map.of(10, 5.0)).isEmpty(), "one count of environments draws no slope");
    }

    @Test
    void growthIsGivenPerClusterAndReplicasForEachFigureMeasuredAtTwoCountsOrMore() {
        var points = List.of(
                new ScalePoint("embedded", 1, 1).with(ScalePoint.COLD, 5).with(ScalePoint.RSS_MAX, 150),
                new ScalePoint("embedded", 10, 1).with(ScalePoint.COLD, 23).with(ScalePoint.RSS_MAX, 186),
                new ScalePoint("embedded", 1, 3).with(ScalePoint.COLD, 8).with(ScalePoint.TAKEOVER, 16),
                new ScalePoint("realkube", 1, 1).with(ScalePoint.COLD, 7));
        var report = new ScaleReport(points, Map.of(), Map.of());

        assertEquals(List.of(new ScaleReport.Growth("embedded", 1, ScalePoint.COLD, 2.0, 1, 10),
                new ScaleReport.Growth("embedded", 1, ScalePoint.RSS_MAX, 4.0, 1, 10)), report.growth());
        var out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| figure | 1 replica, 1 env | 1 replica, 10 env | 1 replica: growth per env | 3 replicas, 1 env | 3 replicas: growth per env |"), text);
        assertTrue(text.contains("| " + ScalePoint.COLD + " | 5 | 23 | 2 | 8 | – |"), text);
        assertTrue(text.contains("| " + ScalePoint.TAKEOVER + " | – | – | – | 16 | – |"), text);
    }

    @Test
    void aRoundIsEveryOwningReplicaPollingOnce() {
        // 3 replicas, 2 of them owning environments, 6 polls in 30 s: 3 rounds
        var cost = new PollCost(30, 6, 2, 0.12, 900, 150, 3, 2);

        assertEquals(3, cost.rounds(), 1e-9);
        assertEquals(1, cost.requestsPerRound(), 1e-9);
        assertEquals(2.0 / 3, cost.readsPerRound(), 1e-9);
        assertEquals(20, cost.msPerPoll(), 1e-9);
        assertEquals(300, cost.cpuMillisPerRound(), 1e-9);
        assertEquals(5, cost.leaseRequestsPerSecond(), 1e-9);
    }

    @Test
    void aWindowWithoutPollsCountsAsOneRoundAndNoPollTime() {
        var cost = new PollCost(10, 0, 0, 0, 50, 0, 0, 0);

        assertEquals(1, cost.rounds(), 1e-9);
        assertEquals(0, cost.msPerPoll(), 1e-9);
        assertEquals(50, cost.cpuMillisPerRound(), 1e-9);
    }

    @Test
    void cpuTimeIsReadAfterTheCommandNameWhateverItHolds() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 30 0 100 0 0";

        assertEquals(3000, ProcStat.cpuMillis(stat), 1e-9);
    }
}
