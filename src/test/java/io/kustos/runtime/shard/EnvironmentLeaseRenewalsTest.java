package io.kustos.runtime.shard;

import io.kustos.config.Sharding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Review9-shard #8: an environment's Lease is renewed when its last renewal is {@link Shards#environmentRenewAfter} old,
 * not every retryPeriod (sharding's standing cost was one Lease write per environment every 2 s), yet a live holder gets
 * three tries a retryPeriod apart before renewDeadline, when it stops writing.
 */
class EnvironmentLeaseRenewalsTest {
    @Test
    void byDefaultAnEnvironmentsLeaseIsRenewedEveryFourSecondsInsteadOfTwo() {
        var defaults = new Sharding(true, "kustos-system", null, null, null);
        Duration after = Shards.environmentRenewAfter(defaults);
        assertEquals(Duration.ofSeconds(3), after);
        assertEquals(Duration.ofSeconds(4), firstRunPast(after, defaults.retryPeriod()), "the scheduled run that renews");
    }

    @Test
    void threeTriesComeBeforeRenewDeadlineWhateverTheSettings() {
        for (Sharding s : List.of(new Sharding(true, "k", null, null, null),
                new Sharding(true, "k", Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200)),
                new Sharding(true, "k", Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(1)),
                new Sharding(true, "k", Duration.ofSeconds(60), Duration.ofSeconds(40), Duration.ofSeconds(5)),
                new Sharding(true, "k", Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(2)))) {
            Duration after = Shards.environmentRenewAfter(s);
            assertFalse(after.isNegative(), s.toString());
            // the run that renews can be up to a retryPeriod past it (ticks drift); two retries follow, a retryPeriod apart
            Duration lastTry = after.plus(s.retryPeriod()).plus(s.retryPeriod().multipliedBy(2));
            assertTrue(lastTry.compareTo(s.renewDeadline()) < 0 || after.isZero(), s + ": last try at " + lastTry);
        }
    }

    /** The first run of a schedule every {@code period} from a renewal at 0 at which the renewal is {@code after} old. */
    private static Duration firstRunPast(Duration after, Duration period) {
        Duration run = period;
        while (run.compareTo(after) < 0) {
            run = run.plus(period);
        }
        return run;
    }
}
