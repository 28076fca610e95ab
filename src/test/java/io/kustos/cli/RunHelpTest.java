package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kustos run --help} names every endpoint the daemon serves. */
class RunHelpTest {
    @Test
    void listsEveryEndpointTheDaemonServes() {
        String help = new CommandLine(new RunCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String endpoint : new String[]{"/healthz", "/readyz", "/status", "/metrics", "/hooks/"}) {
            assertTrue(help.contains(endpoint), endpoint + " missing from:\n" + help);
        }
    }
}
