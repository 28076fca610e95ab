package io.kustos.cli;

import io.kustos.bench.ScaleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code kustos bench scale}: its options, their defaults, and a bad value refused with exit 2 and one line why, before anything runs. */
class BenchScaleCommandTest {
    @Test
    void theOptionsPickTheSizes() {
        var command = new BenchScaleCommand();
        new CommandLine(command).parseArgs("--environments", "10,1,10", "--objects", "20", "--workloads", "4", "--replicas", "3,1",
                "--idle-seconds", "12", "--cluster", "embedded", "--output", "/tmp/scale.json", "--keep");
        ScaleSettings s = command.settings();

        assertEquals(List.of(1, 10), s.environments());
        assertEquals(List.of(1, 3), s.replicas());
        assertEquals(20, s.objectsPerEnvironment());
        assertEquals(4, s.workloadsPerEnvironment());
        assertEquals(24, s.writtenPerEnvironment());
        assertEquals(List.of("embedded"), s.clusters());
        assertEquals(Duration.ofSeconds(12), s.idle());
        assertEquals(Duration.ofSeconds(10), s.pollInterval());
        assertEquals(Path.of("/tmp/scale.json"), s.out());
        assertEquals(true, s.keepWorkDir());
        assertEquals(200, s.shape(10).objects());
        assertEquals(40, s.shape(10).workloads());
    }

    @Test
    void withoutOptionsItMeasuresOneTenAndAHundredEnvironmentsOfAHundredObjectsWithOneAndThreeReplicasOnBothClusters() {
        var command = new BenchScaleCommand();
        new CommandLine(command).parseArgs();
        ScaleSettings s = command.settings();

        assertEquals(List.of(1, 10, 100), s.environments());
        assertEquals(List.of(1, 3), s.replicas());
        assertEquals(100, s.objectsPerEnvironment());
        assertEquals(3, s.workloadsPerEnvironment());
        assertEquals(List.of("embedded", "realkube"), s.clusters());
        assertEquals(10_000, s.shape(100).objects());
        assertEquals(Path.of("target/bench/scale.json"), s.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--environments=1,0 | Invalid value for option '--environments': 0 is below 1; give counts of at least 1, e.g. 1,10,100",
            "--replicas=-1      | Invalid value for option '--replicas': -1 is below 1; give counts of at least 1, e.g. 1,3",
            "--objects=7        | Invalid value for option '--objects': 7 is odd; give an even number (half ConfigMaps, half SOPS Secrets)",
            "--objects=8        | Invalid value for option '--objects': 8 is too few for 3 Deployments per environment; give at least 10",
            "--workloads=2      | Invalid value for option '--workloads': 2 is below 3; give at least 3 Deployments per environment",
            "--idle-seconds=5   | Invalid value for option '--idle-seconds': 5 is below 10; give at least one poll interval (10)",
            "--cluster=kind     | Invalid value for option '--cluster': 'kind' is not a cluster; give embedded, realkube or both",
            "--environments=ten | Invalid value for option '--environments' (LIST): 'ten' is not an int"})
    void aBadValueIsRefusedWithExitTwoAndTheReason(String option, String message) {
        var err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));

        assertEquals(ExitCodes.USAGE, cmd.execute("bench", "scale", option));
        assertEquals(message, err.toString().lines().findFirst().orElse(""), err.toString());
    }
}
