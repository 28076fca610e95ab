package io.kustos.cli;

import io.kustos.bench.BenchRun;
import io.kustos.bench.BenchShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--runs", defaultValue = "5", description = "Times each scenario runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--webhook-commits", defaultValue = "20", description = "Commits timed from webhook to applied (default: ${DEFAULT-VALUE}).")
    int webhookCommits;

    @Option(names = "--daemon-minutes", defaultValue = "30",
            description = "How long the daemon polls every 10 s before its memory is read (default: ${DEFAULT-VALUE}; 0 skips).")
    double daemonMinutes;

    @Option(names = "--out", defaultValue = "target/bench/results.json", description = "The JSON results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    BenchClusterOptions cluster;

    @Override
    public Integer call() {
        var settings = new BenchRun.Settings(new BenchShape(objects, workloads, environments), runs, webhookCommits, daemonMinutes,
                cluster.clusters(List.of("embedded", "realkube")), cluster.kubeconfig(), out, cluster.keep);
        new BenchRun(settings, System.out).run();
        return ExitCodes.OK;
    }
}
