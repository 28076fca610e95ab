package io.kustos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Each command's help lists exactly the exit codes it can return (README's table of exit codes). */
class HelpListsEveryExitCodeTest {
    private static final Pattern CODE = Pattern.compile("(?:Exit |; )(\\d):");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "apply, 0 1 2 3 4 5 6",
            "diff, 0 1 2 3 4 5",
            "preview, 0 1 2 3 4 5",
            "blame, 0 2 3 5",
            "validate, 0 2 3",
            "decrypt, 0 2 3",
            "encrypt, 0 2 3",
            "updatekeys, 0 2 3",
            "run, 0 2 3 5",
            "cluster, 0 2 5",
            "bench soak, 0 1 2",
            "bench scale, 0 1 2",
    })
    void helpListsTheExitCodes(String command, String codes) {
        var sub = Main.commandLine();
        for (String name : command.split(" ")) {
            sub = sub.getSubcommands().get(name);
        }
        String exitLine = Arrays.stream(sub.getCommandSpec().usageMessage().description())
                .filter(l -> l.startsWith("Exit ")).findFirst().orElseThrow(() -> new AssertionError(command + " help has no Exit line"));
        List<String> listed = new ArrayList<>();
        CODE.matcher(exitLine).results().forEach(m -> listed.add(m.group(1)));
        assertEquals(List.of(codes.split(" ")), listed, command + ": " + exitLine);
    }
}
