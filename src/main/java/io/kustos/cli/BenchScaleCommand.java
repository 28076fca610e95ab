package io.kustos.cli;

import io.kustos.bench.BenchShape;
import io.kustos.bench.ScaleRun;
import io.kustos.bench.ScaleSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kustos bench scale}: how the daemon's costs grow with environments and replicas ({@link ScaleRun}); docs/benchmarks.md explains it. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Measure how kustos run's costs grow with the number of environments and replicas.",
                "For each count of environments and replicas, on each cluster: the cold apply from empty namespaces until every environment "
                        + "is in sync, the no-op polls (requests and ms), the replicas' RSS and, with several replicas (sharding), the time "
                        + "to take over after one is killed with -9. See docs/benchmarks.md.",
                "Exit 0: all measured; 1: a measurement failed (the report says which); 2: bad command line."})
final class BenchScaleCommand implements Callable<Integer> {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--environments", paramLabel = "LIST", split = ",", defaultValue = "1,10,100",
            description = "Counts of environments to measure, comma-separated (default: ${DEFAULT-VALUE}). Each at least 1.")
    List<Integer> environments;

    @Option(names = "--objects", paramLabel = "N", defaultValue = "100",
            description = "ConfigMaps and SOPS Secrets per environment, half each (default: ${DEFAULT-VALUE}). Even.")
    int objects;

    @Option(names = "--workloads", paramLabel = "N", defaultValue = "3",
            description = "Deployments per environment, created before the first apply (default: ${DEFAULT-VALUE}). At least 3.")
    int workloads;

    @Option(names = "--replicas", paramLabel = "LIST", split = ",", defaultValue = "1,3",
            description = "Counts of kustos run replicas, comma-separated (default: ${DEFAULT-VALUE}). 1 runs without sharding; more shard.")
    List<Integer> replicas;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "30",
            description = "How long the no-op polls (every 10 s) are counted (default: ${DEFAULT-VALUE}). At least 10.")
    int idleSeconds;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "target/bench/scale.json",
            description = "Write the JSON report to FILE, after every measurement (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    BenchClusterOptions cluster;

    @Override
    public Integer call() {
        return new ScaleRun(settings(), System.out).run() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    /** The options checked together. @throws ParameterException (exit 2) naming the option, the value and what to give */
    ScaleSettings settings() {
        for (int e : environments) {
            require(e >= 1, "--environments", e + " is below 1; give counts of at least 1, e.g. 1,10,100");
        }
        for (int r : replicas) {
            require(r >= 1, "--replicas", r + " is below 1; give counts of at least 1, e.g. 1,3");
        }
        require(workloads >= 3, "--workloads", workloads + " is below 3; give at least 3 Deployments per environment");
        require(objects % 2 == 0, "--objects", objects + " is odd; give an even number (half ConfigMaps, half SOPS Secrets)");
        int fewest = BenchShape.minimumObjectsPerEnvironment(workloads);
        require(objects >= fewest, "--objects", objects + " is too few for " + workloads + " Deployments per environment; give at least " + fewest);
        require(idleSeconds >= 10, "--idle-seconds", idleSeconds + " is below 10; give at least one poll interval (10)");
        List<String> clusters = cluster.clusters(List.of("embedded", "realkube"));
        for (String c : clusters) {
            require(c.equals("embedded") || c.equals("realkube"), "--cluster", "'" + c + "' is not a cluster; give embedded, realkube or both");
        }
        return new ScaleSettings(environments.stream().distinct().sorted().toList(), objects, workloads,
                replicas.stream().distinct().sorted().toList(), clusters, cluster.kubeconfig(), POLL_INTERVAL,
                Duration.ofSeconds(idleSeconds), out, cluster.keep);
    }

    private void require(boolean ok, String option, String why) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why);
        }
    }
}
