package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `bench run` and `bench soak` read --cluster, --realkube-kubeconfig and --keep alike; each keeps its own output file. */
class BenchOptionsTest {
    @Test
    void bothCommandsReadTheSharedOptions() {
        var run = new BenchRunCommand();
        new CommandLine(run).parseArgs("--cluster", "realkube", "--realkube-kubeconfig", "/tmp/k.yaml", "--keep");
        var soak = new BenchSoakCommand();
        new CommandLine(soak).parseArgs("--cluster", "embedded,realkube", "--realkube-kubeconfig", "/tmp/k.yaml", "--keep");

        assertEquals(List.of("realkube"), run.cluster.clusters(List.of("embedded")));
        assertEquals(List.of("embedded", "realkube"), soak.cluster.clusters(List.of("embedded")));
        assertEquals(Path.of("/tmp/k.yaml"), run.cluster.kubeconfig());
        assertEquals(Path.of("/tmp/k.yaml"), soak.cluster.kubeconfig());
        assertTrue(run.cluster.keep && soak.cluster.keep);
    }

    @Test
    void everyBenchCommandNamesItsOutputFileWithOutputAndBenchRunStillReadsOut() {
        var run = new BenchRunCommand();
        new CommandLine(run).parseArgs("--output", "/tmp/r.json");
        var old = new BenchRunCommand();
        new CommandLine(old).parseArgs("--out", "/tmp/o.json");
        var soak = new BenchSoakCommand();
        new CommandLine(soak).parseArgs("--output", "/tmp/s.json");
        var scale = new BenchScaleCommand();
        new CommandLine(scale).parseArgs("--output", "/tmp/c.json");

        assertEquals(Path.of("/tmp/r.json"), run.out);
        assertEquals(Path.of("/tmp/o.json"), old.out);
        assertEquals(Path.of("/tmp/s.json"), soak.out);
        assertEquals(Path.of("/tmp/c.json"), scale.out);
    }

    @Test
    void withoutOptionsEachCommandKeepsItsOwnOutputFile() {
        var run = new BenchRunCommand();
        new CommandLine(run).parseArgs();
        var soak = new BenchSoakCommand();
        new CommandLine(soak).parseArgs();

        assertEquals(Path.of("target/bench/results.json"), run.out);
        assertEquals(Path.of("target/bench/soak.json"), soak.out);
        assertFalse(run.cluster.keep || soak.cluster.keep);
    }
}
