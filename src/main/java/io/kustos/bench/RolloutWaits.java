package io.kustos.bench;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The seconds {@code kustos apply} spent waiting for the controllers to roll its workloads out,
 * summed over environments, read from the timing line it prints for each applied environment
 * ({@code = took 1.20 s to write 300 objects, then 9.80 s waiting for 50 rollouts}). kubectl does
 * not wait, so the wall time without these waits is the part to set beside kubectl's.
 */
final class RolloutWaits {
    private static final Pattern TIMING = Pattern.compile("^\\s*= took [0-9.]+ s to write \\d+ objects?(?:, [0-9.]+ s running \\d+ hooks?)?, then ([0-9.]+) s waiting for \\d+ rollouts?$",
            Pattern.MULTILINE);

    private RolloutWaits() {
    }

    /** @return the summed seconds, or empty when no environment printed a timing line */
    static OptionalDouble seconds(String applyOutput) {
        return waits(applyOutput).reduce(Double::sum);
    }

    /**
     * The longest environment's wait. Environments reconcile at once ({@code sync.environmentConcurrency},
     * 4 by default), so their waits overlap and their sum can exceed the wall time; the wall time less
     * the longest is an upper bound on the time spent not waiting.
     *
     * @return the longest, or empty when no environment printed a timing line
     */
    static OptionalDouble longest(String applyOutput) {
        return waits(applyOutput).max();
    }

    private static java.util.stream.DoubleStream waits(String applyOutput) {
        return TIMING.matcher(applyOutput).results().mapToDouble(m -> Double.parseDouble(m.group(1)));
    }
}
