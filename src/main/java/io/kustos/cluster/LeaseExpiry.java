package io.kustos.cluster;

import java.time.Instant;

/**
 * When a Lease that another holder holds may be taken ({@link EnvironmentLock#acquire}). Nobody holding it is always
 * free; what differs is how a holder's silence is judged.
 */
@FunctionalInterface
public interface LeaseExpiry {
    /**
     * By the holder's {@code renewTime} read on this process's clock ({@link LeaseState#free}): right only while the
     * two clocks agree; the write lock's rule.
     */
    LeaseExpiry RENEW_TIME = (state, now) -> state.free(now);

    /** Whether the Lease that says {@code state} may be taken at {@code now} (this process's clock). */
    boolean free(LeaseState state, Instant now);
}
