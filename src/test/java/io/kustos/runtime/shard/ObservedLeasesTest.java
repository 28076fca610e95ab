package io.kustos.runtime.shard;

import io.kustos.cluster.LeaseState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Lease's holder is silent once this replica has seen the Lease unchanged for its duration on its own clock, whatever
 * its renewTime says: a holder whose clock runs behind (renewTime long past) or ahead (renewTime in the future) is judged
 * the same, by the changes seen.
 */
class ObservedLeasesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T13:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(15);

    private final ObservedLeases observed = new ObservedLeases();

    private static LeaseState renewedAt(Instant renewTime) {
        return new LeaseState("b", renewTime.minusSeconds(600), renewTime, LEASE, 0);
    }

    @Test
    void aLeaseNobodyHoldsIsFree() {
        assertTrue(observed.free("kustos-env-staging", new LeaseState(null, T0, T0, LEASE, 0), T0));
    }

    @Test
    void aRenewTimeLongPastIsNotExpiryUntilTheLeaseStaysUnchangedForItsDuration() {
        LeaseState behind = renewedAt(T0.minus(Duration.ofHours(1))); // the holder's clock runs an hour behind
        assertFalse(observed.free("kustos-env-staging", behind, T0), "first seen now: it may still be renewed");
        assertFalse(observed.free("kustos-env-staging", behind, T0.plus(LEASE).minusMillis(1)));
        assertTrue(observed.free("kustos-env-staging", behind, T0.plus(LEASE)));
    }

    @Test
    void eachRenewalSeenStartsTheDurationAgainWhateverItsRenewTime() {
        Instant ahead = T0.plus(Duration.ofHours(1)); // the holder's clock runs an hour ahead
        assertFalse(observed.free("kustos-env-staging", renewedAt(ahead), T0));
        assertFalse(observed.free("kustos-env-staging", renewedAt(ahead.plusSeconds(10)), T0.plusSeconds(10)));
        assertFalse(observed.free("kustos-env-staging", renewedAt(ahead.plusSeconds(10)), T0.plusSeconds(10).plus(LEASE).minusMillis(1)));
        assertTrue(observed.free("kustos-env-staging", renewedAt(ahead.plusSeconds(10)), T0.plusSeconds(10).plus(LEASE)),
                "silent for its duration since its last renewal was seen, though its renewTime is still an hour ahead");
    }

    @Test
    void leasesNoLongerListedAreForgottenAndSeenAnewIfTheyComeBack() {
        LeaseState held = renewedAt(T0);
        observed.unchanged("kustos-member-a", held, T0);
        observed.observeAll(java.util.List.of(), T0.plus(LEASE));
        assertEquals(Duration.ZERO, observed.unchanged("kustos-member-a", held, T0.plus(LEASE)));
    }
}
