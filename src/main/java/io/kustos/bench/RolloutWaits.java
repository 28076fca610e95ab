package io.kustos.bench;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
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
        Matcher m = TIMING.matcher(applyOutput);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
