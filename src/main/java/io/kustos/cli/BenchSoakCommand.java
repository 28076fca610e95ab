package io.kustos.cli;

import io.kustos.bench.SoakRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kustos bench soak}: random commits against the daemon ({@link SoakRun}); docs/benchmarks.md explains it. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Drive kustos run through random commits: config and Secret changes, image bumps, reverts, bad commits, force pushes.",
                "Then check that the cluster equals git, that the history is complete and that the daemon's RSS stayed flat. See docs/benchmarks.md.",
                "Exit 0: all held; 1: one did not (the report says which, with the seed to replay it)."})
final class BenchSoakCommand implements Callable<Integer> {
    @Option(names = "--commits", defaultValue = "1000", description = "Commits to push (default: ${DEFAULT-VALUE}).")
    int commits;

    @Option(names = "--seed", description = "Seed of the random commits (default: a new one, printed); the same seed replays the same commits.")
    Long seed;

    @Option(names = "--output", defaultValue = "target/bench/soak.json", description = "The JSON report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    BenchClusterOptions cluster;

    @Override
    public Integer call() {
        var settings = new SoakRun.Settings(commits, seed == null ? new SecureRandom().nextLong() : seed,
                cluster.clusters(List.of("embedded")), cluster.kubeconfig(), out, cluster.keep);
        return new SoakRun(settings, System.out).run() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
}
