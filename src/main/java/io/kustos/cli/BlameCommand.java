package io.kustos.cli;

import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.agent.Agent;
import io.kustos.history.BlameReport;
import io.kustos.history.ConfigBlame;
import io.kustos.history.ObjectRef;
import io.kustos.failure.KustosException;
import io.kustos.source.CommitHistory;
import io.kustos.source.GitSource;
import io.kustos.source.SourceException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kustos blame configmap/NAME [KEY]}: which commit last changed each key. */
@Command(name = "blame", mixinStandardHelpOptions = true,
        description = {"Show which commit of the config repo last changed each key of a ConfigMap or Secret.",
                "With KEY, only that key. Each commit shows with author, date and subject, from the followed branch's first-parent history.",
                "SOPS files are decrypted in memory to compare values; no value is ever shown.",
                "Exit 0: done; 2: bad command line; 3: invalid input, or the object or key is not there; 5: unreachable."})
public final class BlameCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OBJECT", description = "configmap/NAME (cm/NAME) or secret/NAME; KIND/NAMESPACE/NAME when the name is in several namespaces.")
    String object;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY", description = "Only this key (default: every key the object has now).")
    String key;

    @picocli.CommandLine.Mixin
    OneEnvironmentOption environment;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "kustos.yaml",
            description = "The agent's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            description = "text (a table), json or yaml (default: text).")
    OutputFormat output;

    @Override
    public Integer call() {
        ObjectRef ref;
        try {
            ref = ObjectRef.parse(object);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            KustosConfig cfg = ConfigLoader.load(config);
            Target target = environment.selection().one(cfg, config.toString(), "kustos blame");
            var source = new GitSource("config", cfg.sources().config(), cfg.cacheDir());
            refresh(source);
            var blame = new ConfigBlame(new Agent(cfg, null).renderer(), target);
            BlameReport report;
            try (CommitHistory history = source.history()) {
                report = blame.blame(history, ref, key);
            }
            BlamePrinter.notes(report).forEach(System.err::println);
            System.out.print(output == OutputFormat.text ? BlamePrinter.table(report) : output.write(BlamePrinter.document(report)));
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    /** Brings the local clone up to date; when the remote cannot be reached, the clone as it is will do. */
    private static void refresh(GitSource source) {
        try {
            source.poll();
        } catch (SourceException e) {
            System.err.println("note: " + e.getMessage() + "; using the local clone as it is");
        } catch (KustosException e) {
            // e.g. an unverified head: it is still history worth explaining
            System.err.println("note: " + e.getMessage());
        }
    }
}
