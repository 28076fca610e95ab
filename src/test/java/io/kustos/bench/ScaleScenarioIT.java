package io.kustos.bench;

import io.kustos.testsupport.RunsAlone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 4: the scale scenario runs end to end at its smallest, one environment of a few objects, one
 * {@code kustos run}, on the embedded cluster: every figure of a single replica is measured and reported, and the JSON
 * is written. Its values are not checked (a benchmark, not a test: {@code kustos bench scale} measures them), but for
 * two that do not depend on the machine: the first polls after the apply list to start the watch caches, and the
 * no-op polls counted after them send no request.
 */
@RunsAlone
class ScaleScenarioIT {
    @Test
    void oneEnvironmentWithOneReplicaIsMeasuredEndToEnd(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("scale.json");
        var settings = new ScaleSettings(List.of(1), 10, 3, List.of(1), List.of("embedded"), null,
                Duration.ofSeconds(2), Duration.ofSeconds(3), json, false);
        var out = new ByteArrayOutputStream();

        var run = new ScaleRun(settings, new PrintStream(out, true, StandardCharsets.UTF_8));
        boolean complete = run.run();

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(complete, text);
        assertEquals(1, run.points().size(), text);
        ScalePoint point = run.points().get(0);
        assertEquals(List.of("embedded", 1, 1), List.of(point.cluster(), point.environments(), point.replicas()));
        assertEquals(List.of(ScalePoint.LOAD, ScalePoint.BACKGROUND, ScalePoint.COLD, ScalePoint.COLD_REQUESTS, ScalePoint.COLD_LEASES, ScalePoint.CACHES_START,
                        ScalePoint.NOOP_REQUESTS, ScalePoint.NOOP_READS, ScalePoint.NOOP_GIT_MS,
                ScalePoint.NOOP_CPU_MS, ScalePoint.LEASES_PER_SECOND, ScalePoint.RSS_MAX, ScalePoint.RSS_SUM, ScalePoint.OWNED_MAX),
                List.copyOf(point.figures().keySet()), "every figure of one replica (no takeover without a second):\n" + text);
        assertTrue(point.figures().get(ScalePoint.COLD_REQUESTS) > 0, "the cold apply's requests were counted at the server:\n" + text);
        assertTrue(point.figures().get(ScalePoint.RSS_MAX) > 0, text);
        assertTrue(point.figures().get(ScalePoint.CACHES_START) > 0, "the first polls after the apply list to start the watch caches:\n" + text);
        assertEquals(0.0, point.figures().get(ScalePoint.NOOP_REQUESTS), "once the watch caches run, a no-op poll sends nothing:\n" + text);
        assertTrue(text.contains("| figure | 1 replica, 1 env | 1 replica: growth per env |"), "the embedded table has the column of 1 replica, 1 environment:\n" + text);
        assertTrue(Files.readString(json).contains("\"" + ScalePoint.COLD + "\""), "the JSON holds the figures");
    }
}
