package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kustos validate --help} says what README says: the problem format and what -c's kustos.yaml gives. */
class ValidateHelpSaysWhatReadmeSaysTest {
    @Test
    void theProblemFormatAndWhatKustosYamlGivesAreThoseOfReadme() throws Exception {
        String help = new CommandLine(new ValidateCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertTrue(readme.contains("each as `path:line: key path: message`"), "README changed");
        assertTrue(help.contains("printed as path:line: key path: message"), help);
        for (String given : new String[]{"targets", "namespaces", "allowMutableTags", "decryption keys are used only when -c names it"}) {
            assertTrue(help.substring(help.indexOf("-c, --config")).contains(given), "-c should say " + given + ": " + help);
        }
        assertTrue(readme.contains("validate uses its `decryption` keys only when `-c` names it"), "README says where validate's keys come from");
    }
}
