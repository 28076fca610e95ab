package io.kustos.cli;

import io.kustos.config.Target;
import io.kustos.history.HistoryRecord;
import io.kustos.failure.KustosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the revisions Kustos applied, or that failed, newest first.",
                "They are kept in the cluster, in the ConfigMap kustos-history of each target's namespace.",
                "Values never appear: changed keys show as fingerprints."})
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Mixin
    EnvironmentsOption environments;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.Converter.class,
            description = "text (a table), json or yaml (default: text).")
    OutputFormat output;

    @Override
    public Integer call() throws Exception {
        try (var clients = options.clients()) {
            var cfg = options.load(environments.selection());
            var agent = options.agent(cfg, clients);
            var records = new ArrayList<HistoryRecord>();
            for (Target t : cfg.targets()) {
                records.addAll(agent.history(t).load().records());
            }
            records.sort((a, b) -> b.time().compareTo(a.time()));
            if (output != OutputFormat.text) {
                System.out.print(output.write(records));
            } else {
                System.out.printf("%-12s %4s  %-20s  %-18s  %-7s  %-7s  %-7s  %-20s  %s%n",
                        "ENVIRONMENT", "#", "TIME", "OUTCOME", "CONFIG", "RELEASE", "OBJECTS", "AUTHOR", "SUBJECT");
                for (HistoryRecord r : records) {
                    HistoryRecord.Commit newer = r.configCommit().date().compareTo(r.releasesCommit().date()) >= 0
                            ? r.configCommit() : r.releasesCommit();
                    System.out.printf("%-12s %4d  %-20s  %-18s  %-7s  %-7s  %7d  %-20s  %s%n", r.environment(), r.number(),
                            r.time().replaceAll("\\.\\d+Z$", "Z"), r.outcome().word(), r.configCommit().sha().substring(0, 7),
                            r.releasesCommit().sha().substring(0, 7), r.objects().size(), cut(newer.author().replaceAll(" <.*", ""), 20),
                            newer.subject());
                    if (r.message() != null) {
                        r.message().lines().forEach(line -> System.out.println("    " + line)); // what failed, under its row
                    }
                    r.forcePushes().forEach(f -> System.out.println("    followed a force push: " + f.describe()));
                    if (!r.counts().isEmpty()) {
                        System.out.println("    " + io.kustos.history.ChangeCounts.describe(r.counts()));
                    }
                }
            }
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
