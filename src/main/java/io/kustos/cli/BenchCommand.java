package io.kustos.cli;

import picocli.CommandLine.Command;

/** Benchmarks: not tests. Each measures Kustos side by side with its peer in one run on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = DecryptBenchmark.class,
        description = "Measure Kustos beside its peers on this machine (README: Encrypted Secrets has the decrypt figure).")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
