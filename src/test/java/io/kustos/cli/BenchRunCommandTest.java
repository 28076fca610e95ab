package io.kustos.cli;

import io.kustos.bench.BenchShape;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `bench run --quick` takes the quick defaults for what is not given; `--scale-to` names the larger shape. */
class BenchRunCommandTest {
    private static BenchRunCommand parse(String... args) {
        var command = new BenchRunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void quickRunsEveryScenarioOnceOnTheEmbeddedClusterAndSaysSo() {
        var s = parse("--quick").settings();

        assertTrue(s.quick());
        assertEquals(1, s.runs());
        assertEquals(10, s.webhookCommits());
        assertEquals(0.5, s.daemonMinutes());
        assertEquals(5, s.cliStartRuns());
        assertEquals(List.of("embedded"), s.clusters());
        assertEquals(BenchShape.DEFAULT, s.shape());
    }

    @Test
    void optionsGivenWithQuickWin() {
        var s = parse("--quick", "--runs", "2", "--daemon-minutes", "0", "--cluster", "embedded,realkube").settings();

        assertEquals(2, s.runs());
        assertEquals(0.0, s.daemonMinutes());
        assertEquals(List.of("embedded", "realkube"), s.clusters());
    }

    @Test
    void withoutQuickTheFullRunsDefaults() {
        var s = parse().settings();

        assertFalse(s.quick());
        assertEquals(5, s.runs());
        assertEquals(20, s.webhookCommits());
        assertEquals(30.0, s.daemonMinutes());
        assertEquals(List.of("embedded", "realkube"), s.clusters());
        assertNull(s.scaleTo());
    }

    @Test
    void scaleToTenThousandIsOneHundredEnvironmentsOfOneHundredObjects() {
        var s = parse("--scale-to", "10000").settings();

        assertEquals(new BenchShape(10000, 300, 100), s.scaleTo());
    }

    @Test
    void aScaleToThatIsNoMultipleOfOneHundredIsRefusedNamingTheOption() {
        var e = assertThrows(CommandLine.ParameterException.class, () -> parse("--scale-to", "150").settings());

        assertTrue(e.getMessage().startsWith("--scale-to:"), e.getMessage());
    }
}
