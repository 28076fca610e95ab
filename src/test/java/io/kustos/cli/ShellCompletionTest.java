package io.kustos.cli;

import io.kustos.testsupport.KustosRun;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** `kustos completion` prints a script that bash loads and that completes commands and their options. */
class ShellCompletionTest {
    @Test
    void bashCompletesCommandsAndOptions(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        KustosRun run = KustosRun.of("completion");
        assertEquals(0, run.exit(), run.toString());
        Path script = tmp.resolve("kustos-completion.bash");
        Files.writeString(script, run.out());
        assertEquals("apply", complete(script, "kustos", "app"));
        assertEquals("history", complete(script, "kustos", "hist"));
        for (String command : new String[] {"diff", "apply", "history", "rollback", "resume", "blame"}) {
            assertEquals("--environment", complete(script, "kustos", command, "--env"), command);
        }
        assertEquals("--output", complete(script, "kustos", "blame", "--outp"));
    }

    /** What bash offers for the last word of {@code words}, space-separated. */
    private static String complete(Path script, String... words) throws Exception {
        String line = "source '" + script + "'; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_kustos; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", line).redirectError(ProcessBuilder.Redirect.DISCARD).start(); // compopt complains outside a real completion
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
