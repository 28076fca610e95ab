package io.kustos.cli;

import io.kustos.config.Durations;
import io.kustos.reconcile.WriteLockPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * {@code --lock-wait}: how long a command waits for an environment's write lock that another
 * writer holds, before it exits 5 naming the holder.
 */
final class LockWaitOption {
    @Option(names = "--lock-wait", paramLabel = "DURATION", defaultValue = "2m", converter = Converter.class,
            description = "Wait up to DURATION (e.g. 30s, 5m; 0s: not at all) for an environment that another kustos is writing; "
                    + "then exit 5 naming it. Default: ${DEFAULT-VALUE}.")
    Duration wait = WriteLockPolicy.DEFAULT_WAIT;

    /** The lock policy of {@code command} (apply, rollback). */
    WriteLockPolicy policy(String command) {
        return WriteLockPolicy.command(command, wait);
    }

    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            return Durations.parse(value).filter(d -> !d.isNegative())
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a duration (use e.g. 0s, 30s, 5m)"));
        }
    }
}
