package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18 point 1: picocli builds, by reflection, the model of every subcommand it is given; a
 * command line gets only the subcommand it names, and every one when it names none that exists
 * (usage, a misspelt name) or asks for {@code help} or {@code completion}, which list them all.
 */
class OnlyTheCommandRunIsBuiltTest {
    @Test
    void aCommandLineGetsOnlyTheSubcommandItNamesWithTheInheritedOptions() {
        CommandLine cmd = Main.commandLine("-v", "apply", "-c", "kustos.yaml", "extra");
        assertEquals(Set.of("apply"), cmd.getSubcommands().keySet());
        assertNotNull(cmd.getSubcommands().get("apply").getCommandSpec().findOption("--verbose"), "-v is inherited");
        assertEquals(Set.of("validate"), Main.commandLine("validate", "config").getSubcommands().keySet());
    }

    @Test
    void helpCompletionUsageAndAMisspeltNameGetThemAll() {
        for (List<String> args : List.of(List.<String>of(), List.of("-h"), List.of("-h", "apply"), List.of("--version", "apply"), List.of("help"), List.of("help", "apply"),
                List.of("completion"), List.of("aply"))) {
            assertEquals(Main.SUBCOMMANDS.keySet(), Main.commandLine(args.toArray(String[]::new)).getSubcommands().keySet(), args.toString());
        }
        assertEquals(2, CommandRun.of("aply").exit(), "a misspelt command is a usage error");
        assertTrue(CommandRun.of("aply").err().contains("Unmatched argument at index 0: 'aply'"), CommandRun.of("aply").err());
    }

    @Test
    void eachSubcommandIsListedUnderItsOwnName() {
        Main.SUBCOMMANDS.forEach((name, type) -> assertEquals(name, type.getAnnotation(CommandLine.Command.class).name(), type.getName()));
        assertEquals(20, Main.SUBCOMMANDS.size());
    }
}
