package io.kustos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code kustos} command. */
@Command(name = "kustos", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "Kustos makes a Kubernetes cluster follow two git repos: config (ConfigMaps, Secrets) and releases (image versions).",
        subcommands = {DiffCommand.class, PreviewCommand.class, ApplyCommand.class, RunCommand.class, DemoCommand.class, ClusterCommand.class, DecryptCommand.class, EncryptCommand.class, UpdateKeysCommand.class, 
                KeygenCommand.class, HistoryCommand.class, RollbackCommand.class, ResumeCommand.class, ReconcileCommand.class, BlameCommand.class, ValidateCommand.class, BenchCommand.class, CompletionCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Also print log lines: -v at INFO (DEBUG for run), -vv at DEBUG. Default: only warnings, "
                    + "but run logs at INFO; without -v, KUSTOS_LOG_LEVEL sets the level.")
    boolean[] verbose = new boolean[0];

    /** Runs a command line and returns its exit code (tests call this in-process). */
    public static int execute(String... args) {
        try {
            io.kustos.work.FaultArming.armed(); // a misspelt fault point fails here, before anything is written
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.INVALID;
        }
        var main = new Main();
        var cmd = new CommandLine(main);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        });
        cmd.setExecutionStrategy(parsed -> {
            LogLevel.apply(LogLevel.of(isDaemon(parsed), main.verbose.length, System.getenv("KUSTOS_LOG_LEVEL")));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cmd.execute(args);
    }

    /** {@code kustos run}, whose log is its only output. */
    private static boolean isDaemon(CommandLine.ParseResult parsed) {
        return parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof RunCommand;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
