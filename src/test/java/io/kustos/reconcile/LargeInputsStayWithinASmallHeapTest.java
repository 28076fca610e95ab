package io.kustos.reconcile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: a 1.1 MiB Secret and a 4.9 MiB ConfigMap file go through decrypt, render, diff, plan,
 * the apply bodies and the printed diff in a JVM with a 128 MiB heap, and no step allocates more
 * than {@link #ALLOCATION_PER_INPUT_BYTE} bytes per byte of input (SnakeYAML's own reader
 * allocated over 2 GB for one 1 MiB value: quadratic). Bounds, not timings.
 */
class LargeInputsStayWithinASmallHeapTest {
    static final String HEAP = "-Xmx128m";
    static final long ALLOCATION_PER_INPUT_BYTE = 40;

    @Test
    void decryptRenderDiffAndApplyBodiesOfLargeValuesFitA128MiBHeap() throws Exception {
        var run = run();
        assertFalse(run.output().contains("OutOfMemoryError"), run.output());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().lines().anyMatch("done"::equals), run.output());
        List<String> steps = run.output().lines().filter(l -> l.startsWith("step ")).toList();
        assertEquals(5, steps.size(), run.output());
        for (String step : steps) {
            String[] f = step.split(" ");
            long input = Long.parseLong(f[f.length - 3]);
            long allocated = Long.parseLong(f[f.length - 2]);
            assertTrue(allocated <= ALLOCATION_PER_INPUT_BYTE * input,
                    step + ": allocated " + allocated + " bytes for " + input + " bytes of input\n" + run.output());
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeInputs.class.getName()));
        Path log = Files.createTempFile("kustos-large", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                return new Run(-1, "still running after 10 minutes\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            return new Run(p.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
