package io.kustos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kustos bench soak --commits} below 1 is a bad command line (exit 2, one line why), before anything runs. */
class BenchSoakCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void aCountBelowOneIsRefusedWithTheReason(String count) {
        var err = new StringWriter();
        var cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertEquals(ExitCodes.USAGE, cmd.execute("bench", "soak", "--commits", count));
        String first = err.toString().lines().findFirst().orElse("");
        assertEquals("Invalid value for option '--commits': " + count + " is below 1; give at least 1 commit (10 or more to measure the RSS trend)", first, err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--commits=N", "--seed=S", "--output=FILE", "--cluster=LIST"})
    void helpNamesItsPlaceholdersAsTheOtherCommandsDo(String option) {
        String help = Main.commandLine().getSubcommands().get("bench").getSubcommands().get("soak")
                .getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertTrue(help.contains(option), help);
    }
}
