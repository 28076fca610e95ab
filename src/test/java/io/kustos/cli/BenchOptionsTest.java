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
