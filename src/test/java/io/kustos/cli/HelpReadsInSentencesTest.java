package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `kustos help` lists each command with the first line of its description: that line is a whole sentence. */
class HelpReadsInSentencesTest {
    private static List<CommandLine> everyCommand(CommandLine c) {
        var out = new ArrayList<CommandLine>();
        out.add(c);
        c.getSubcommands().values().forEach(sub -> out.addAll(everyCommand(sub)));
        return out;
    }

    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        var problems = new ArrayList<String>();
        for (CommandLine c : everyCommand(Main.commandLine())) {
            var usage = c.getCommandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            String summary = lines.length == 0 ? "" : lines[0];
            if (!summary.matches("[A-Z`].*[.)]")) {
                problems.add(c.getCommandSpec().qualifiedName() + ": \"" + summary + "\"");
            }
            for (String line : usage.description()) {
                if (!line.replace("%n", "").strip().matches(".*[.)]")) {
                    problems.add(c.getCommandSpec().qualifiedName() + " (description line): \"" + line + "\"");
                }
            }
        }
        assertEquals(List.of(), problems, "help lines that end mid-sentence");
    }

    @Test
    void theHelpListShowsNoSummaryCutShort() {
        var out = new java.io.StringWriter();
        var cmd = Main.commandLine();
        cmd.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cmd.execute("help"));
        String commands = out.toString().substring(out.toString().indexOf("Commands:"));
        for (String sub : List.of("diff", "apply", "run", "demo", "history", "rollback", "blame", "validate", "completion")) {
            assertTrue(commands.contains("\n  " + sub + " "), sub + " missing from:\n" + commands);
        }
        // a summary continues on indented lines; the last line of each entry ends a sentence
        String[] entries = commands.split("\n  (?=\\S)");
        for (String entry : entries) {
            if (!entry.startsWith("Commands:")) {
                assertTrue(entry.strip().matches("(?s).*[.)]"), "cut short: " + entry);
            }
        }
    }
}
