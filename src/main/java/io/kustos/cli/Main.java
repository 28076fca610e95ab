package io.kustos.cli;

import java.util.Arrays;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code kustos} command. */
@Command(name = "kustos", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "Kustos makes a Kubernetes cluster follow two git repos: config (ConfigMaps, Secrets) and releases (image versions).")
public final class Main implements Runnable {
    /**
     * Every subcommand by its name, in the order help lists them. Not in {@code @Command(subcommands)}:
     * picocli would build the model of all of them (reflection on every option) before parsing; a
     * command line builds only the one it runs ({@link #commandLine(String...)}; issue 18 point 1).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("diff", DiffCommand.class);
        SUBCOMMANDS.put("preview", PreviewCommand.class);
        SUBCOMMANDS.put("apply", ApplyCommand.class);
        SUBCOMMANDS.put("run", RunCommand.class);
        SUBCOMMANDS.put("demo", DemoCommand.class);
        SUBCOMMANDS.put("cluster", ClusterCommand.class);
        SUBCOMMANDS.put("decrypt", DecryptCommand.class);
        SUBCOMMANDS.put("encrypt", EncryptCommand.class);
        SUBCOMMANDS.put("updatekeys", UpdateKeysCommand.class);
        SUBCOMMANDS.put("keygen", KeygenCommand.class);
        SUBCOMMANDS.put("history", HistoryCommand.class);
        SUBCOMMANDS.put("rollback", RollbackCommand.class);
        SUBCOMMANDS.put("resume", ResumeCommand.class);
        SUBCOMMANDS.put("reconcile", ReconcileCommand.class);
        SUBCOMMANDS.put("blame", BlameCommand.class);
        SUBCOMMANDS.put("validate", ValidateCommand.class);
        SUBCOMMANDS.put("bench", BenchCommand.class);
        SUBCOMMANDS.put("completion", CompletionCommand.class);
        SUBCOMMANDS.put("version", VersionCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
    }

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
        if (Arrays.stream(args).noneMatch(HELP_OR_VERSION::contains)) { // not for kustos apply --help
            io.kustos.cluster.ModelReaders.prepareEarly(commandName(args)); // apply, diff: the client's readers, beside picocli
            StartWarmUp.begin(commandName(args)); // validate: its static set-up, beside picocli
        }
        var cmd = commandLine(args);
        Main main = cmd.getCommand();
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

    /** The {@code kustos} command with every subcommand (help, completion, tests). */
    static CommandLine commandLine() {
        var cmd = new CommandLine(new Main());
        SUBCOMMANDS.forEach(cmd::addSubcommand);
        return cmd;
    }

    /**
     * The {@code kustos} command for {@code args}: with only the subcommand they name, or with
     * every one when they name none that exists (usage, a misspelt name), or {@code help} or
     * {@code completion}, which list them all. The options before the subcommand take no value.
     */
    static CommandLine commandLine(String... args) {
        String name = commandName(args); // kustos -h apply: none, the top-level usage listing every command
        if (name == null || name.equals("help") || name.equals("completion") || !SUBCOMMANDS.containsKey(name)) {
            return commandLine();
        }
        var cmd = new CommandLine(new Main());
        cmd.addSubcommand(name, SUBCOMMANDS.get(name));
        return cmd;
    }

    private static final List<String> HELP_OR_VERSION = List.of("-h", "--help", "-V", "--version");

    /**
     * The subcommand {@code args} name: the first argument that is no option, when no {@code -h}, {@code --help},
     * {@code -V} or {@code --version} comes before it (the options before the subcommand take no value); else null.
     */
    static String commandName(String... args) {
        for (String arg : args) {
            if (HELP_OR_VERSION.contains(arg)) {
                return null;
            }
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** {@code kustos run}, whose log is its only output. */
    private static boolean isDaemon(CommandLine.ParseResult parsed) {
        return parsed.subcommand() != null && parsed.subcommand().commandSpec().userObject() instanceof RunCommand;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
