package io.kustos.cli;

import io.kustos.bench.SoakRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kustos bench soak}: random commits against the daemon ({@link SoakRun}); docs/benchmarks.md explains it. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Drive kustos run through random commits: config and Secret changes, image bumps, reverts, bad commits, force pushes.",
                "Then check that the cluster equals git, that the history is complete and that the daemon's RSS stayed flat. See docs/benchmarks.md.",
                "A run takes about half a second per commit on 2 cores (1,000 commits: about 8 minutes), plus about 20 seconds to start.",
                "Exit 0: all held; 1: one did not (the report says which, with the seed to replay it); 2: bad command line."})
final class BenchSoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    int commits = 1000;

    @Option(names = "--commits", paramLabel = "N", defaultValue = "1000",
            description = "Push N commits (default: ${DEFAULT-VALUE}). At least 1; the RSS trend needs 4 samples, so use 10 or more to measure it.")
    void commits(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--commits': " + n + " is below 1; give at least 1 commit (10 or more to measure the RSS trend)");
        }
        commits = n;
    }

    @Option(names = "--seed", paramLabel = "S",
            description = "Draw the random commits from seed S (default: a new one, printed); the same seed replays the same commits.")
    Long seed;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "target/bench/soak.json",
            description = "Write the JSON report to FILE (default: ${DEFAULT-VALUE}).")
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
