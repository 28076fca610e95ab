package io.kustos.cli;

import io.kustos.bench.DecryptionScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** {@code kustos bench decrypt}: {@link DecryptionScenario} alone, printed. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Time warm SOPS decryption of a typical Secret file, beside `age -d` on the same data key.")
final class DecryptBenchmark implements Callable<Integer> {
    @Option(names = "--iterations", defaultValue = "2000", description = "Kustos decryptions measured (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--age-runs", defaultValue = "30", description = "`age -d` runs measured (default: ${DEFAULT-VALUE}).")
    int ageRuns;

    @Override
    public Integer call() {
        var t = DecryptionScenario.measure(iterations, ageRuns);
        System.out.printf("Warm decryption of a typical Secret file (6 values, %d bytes encrypted, one age recipient)%n", t.encryptedBytes());
        System.out.printf("  kustos, in process, warm   median %7.3f ms   p90 %7.3f ms   (%d files)%n",
                ms(percentile(t.kustos(), 50)), ms(percentile(t.kustos(), 90)), iterations);
        if (t.age() == null) {
            System.out.println("  age -d                     not measured: `age` is not on PATH (apt-get install age)");
            return ExitCodes.OK;
        }
        System.out.printf("  age -d, same data key      median %7.3f ms   p90 %7.3f ms   (%d runs, one process each)%n",
                ms(percentile(t.age(), 50)), ms(percentile(t.age(), 90)), t.age().length);
        System.out.printf("  ratio (age -d / kustos, medians): %.1fx%n", (double) percentile(t.age(), 50) / percentile(t.kustos(), 50));
        System.out.println("  Kustos decrypts in a long-running process; age -d pays for starting a process each time.");
        return ExitCodes.OK;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
