package io.kustos.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/**
 * diff, apply, history, rollback, resume and blame read `-e/--environment` alike: repeated
 * (`-e staging -e production`, as picocli options repeat) or comma-separated (`-e staging,production`,
 * as kubectl's `-l a,b`), and each shows the option in its help.
 */
class EnvironmentOptionTest {
    private static final List<Callable<Integer>> COMMANDS = List.of(new DiffCommand(), new ApplyCommand(), new HistoryCommand(),
            new RollbackCommand(), new ResumeCommand(), new BlameCommand());

    private static Set<String> parsed(Callable<Integer> command, String... args) {
        new CommandLine(command).parseArgs(args);
        if (command instanceof DiffCommand c) {
            return c.environments.selection().names();
        } else if (command instanceof ApplyCommand c) {
            return c.environments.selection().names();
        } else if (command instanceof HistoryCommand c) {
            return c.environments.selection().names();
        } else if (command instanceof RollbackCommand c) {
            return c.environment.selection().names();
        } else if (command instanceof BlameCommand c) {
            return c.environment.selection().names();
        }
        return ((ResumeCommand) command).environment.selection().names();
    }

    @Test
    void repeatedCommaSeparatedOrBothGiveTheSameEnvironments() throws Exception {
        for (var command : List.of(DiffCommand.class, ApplyCommand.class, HistoryCommand.class)) {
            List<String> expected = List.of("staging", "production", "dev");
            assertEquals(expected, List.copyOf(parsed(command.getDeclaredConstructor().newInstance(),
                    "-e", "staging", "--environment", "production", "-e", "dev")), command.getSimpleName());
            assertEquals(expected, List.copyOf(parsed(command.getDeclaredConstructor().newInstance(), "-e", "staging,production,dev")));
            assertEquals(expected, List.copyOf(parsed(command.getDeclaredConstructor().newInstance(),
                    "--environment=staging,production", "-e", "dev", "-e", "staging")));
            assertEquals(Set.of(), parsed(command.getDeclaredConstructor().newInstance()), "none: all");
        }
    }

    @Test
    void rollbackResumeAndBlameReadSeveralNamesToRefuseThemWithASentence() {
        assertEquals(List.of("staging", "production"), List.copyOf(parsed(new RollbackCommand(), "--to", "1", "-e", "staging,production")));
        assertEquals(List.of("staging", "production"), List.copyOf(parsed(new ResumeCommand(), "-e", "staging", "-e", "production")));
        assertEquals(List.of("staging", "production"), List.copyOf(parsed(new BlameCommand(), "cm/app", "-e", "staging,production")));
    }

    @Test
    void everyCommandsHelpShowsTheOption() {
        for (var command : COMMANDS) {
            String help = new CommandLine(command).getUsageMessage();
            assertTrue(help.contains("-e, --environment=ENV"), help);
        }
        String apply = new CommandLine(new ApplyCommand()).getUsageMessage();
        assertTrue(apply.contains("-e, --environment=ENV[,ENV...]") && apply.contains("commas"), apply);
    }
}
