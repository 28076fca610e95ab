package io.kustos.cli;

import picocli.CommandLine.Command;

/** Benchmarks: not tests. Each measures Kustos side by side with its peer in one run on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchRunCommand.class, BenchSoakCommand.class, BenchScaleCommand.class, DecryptBenchmark.class},
        description = "Measure Kustos beside its peers on this machine: `kustos bench run` (docs/benchmarks.md).")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
