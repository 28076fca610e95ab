package io.kustos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kustos} command. */
@Command(name = "kustos", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "Kustos makes a Kubernetes cluster follow two git repos: config (ConfigMaps, Secrets) and releases (image versions).",
        subcommands = {DiffCommand.class, ApplyCommand.class, RunCommand.class, DemoCommand.class, ClusterCommand.class, DecryptCommand.class, EncryptCommand.class, UpdateKeysCommand.class, 
                KeygenCommand.class, HistoryCommand.class, RollbackCommand.class, ResumeCommand.class, BlameCommand.class, BenchCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this in-process). */
    public static int execute(String... args) {
        var cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
