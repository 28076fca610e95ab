package io.kustos.cli;

import io.kustos.bench.BenchRun;
import io.kustos.bench.BenchShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kustos bench run}: the whole benchmark ({@link BenchRun}); docs/benchmarks.md explains it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the benchmark and print a table and a JSON file of its results.",
                "It makes synthetic repos and runs each scenario several times on the embedded cluster and the real API server, "
                        + "side by side with kubectl apply --server-side and age -d. See docs/benchmarks.md."})
final class BenchRunCommand implements Callable<Integer> {
    @Option(names = "--objects", defaultValue = "1000", description = "ConfigMaps + SOPS Secrets, half each (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--workloads", defaultValue = "200", description = "Deployments using them (default: ${DEFAULT-VALUE}).")
    int workloads;

    @Option(names = "--environments", defaultValue = "4", description = "Environments, one namespace each (default: ${DEFAULT-VALUE}).")
    int environments;

    @Option(names = "--quick", description = "A check before a change lands, under 5 minutes on the embedded cluster: every scenario, "
            + "with --runs 1, --webhook-commits 10, --daemon-minutes 0.5, --cluster embedded (each can still be given); "
            + "the report says its figures are indicative.")
    boolean quick;

    @Option(names = "--runs", description = "Times each scenario runs (default: 5; 1 with --quick).")
    Integer runs;

    @Option(names = "--webhook-commits", description = "Commits timed from webhook to applied (default: 20; 10 with --quick).")
    Integer webhookCommits;

    @Option(names = "--daemon-minutes",
            description = "How long the daemon polls every 10 s before its memory is read (default: 30; 0.5 with --quick; 0 skips).")
    Double daemonMinutes;

    @Option(names = "--cli-runs", defaultValue = "5",
            description = "Times each command of the CLI start scenario runs: no-op kustos apply, diff, validate of the example repo, and kubectl (default: ${DEFAULT-VALUE}; 0 skips).")
    int cliRuns;

    @Option(names = "--scale-to", paramLabel = "OBJECTS",
            description = "Also measure webhook to applied and daemon memory with OBJECTS objects, 100 per environment (3 Deployments each), "
                    + "beside the run's own size, e.g. 10000 (100 environments). Default: not measured.")
    Integer scaleTo;

    @Option(names = {"--output", "--out"}, paramLabel = "FILE", defaultValue = "target/bench/results.json",
            description = "Write the JSON results to FILE (default: ${DEFAULT-VALUE}; --out is the old name).")
    Path out;

    @Mixin
    BenchClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new BenchRun(settings(), System.out).run();
        return ExitCodes.OK;
    }

    /** The settings asked for: --quick's defaults for what was not given, else the full run's. */
    BenchRun.Settings settings() {
        BenchShape larger = null;
        if (scaleTo != null) {
            if (scaleTo < 100 || scaleTo % 100 != 0) {
                throw new ParameterException(spec.commandLine(), "--scale-to: give a multiple of 100 objects (100 per environment), e.g. 10000; got " + scaleTo);
            }
            larger = new BenchShape(scaleTo, 3 * (scaleTo / 100), scaleTo / 100);
        }
        return new BenchRun.Settings(new BenchShape(objects, workloads, environments),
                runs != null ? runs : quick ? 1 : 5,
                webhookCommits != null ? webhookCommits : quick ? 10 : 20,
                daemonMinutes != null ? daemonMinutes : quick ? 0.5 : 30,
                cluster.clusters(quick ? List.of("embedded") : List.of("embedded", "realkube")), cluster.kubeconfig(), out, cluster.keep,
                cliRuns, larger, quick ? 500 : 2000, quick ? 10 : 30, quick);
    }
}
