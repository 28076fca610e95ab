package io.kustos.runtime.shard;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kustos.cluster.LeaseExpiry;
import io.kustos.cluster.LeaseState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * How long each Lease has said the same thing, on this replica's clock: a holder is silent (dead, or cut off from the
 * API server) once its Lease has not changed for its {@code leaseDurationSeconds} since this replica saw it change, as
 * client-go's leader election decides (its observedTime). The holder's {@code renewTime} is never compared with this
 * clock, so replicas whose clocks disagree (by any offset) never take a Lease that is still being renewed: the holder
 * stops writing {@code renewDeadline} after it sent its last renewal, and a taker waits {@code leaseDuration} after it
 * saw that renewal arrive. Only the rate of the clocks matters.
 */
final class ObservedLeases {
    private record Seen(LeaseState state, Instant since) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** Notes what each of {@code leases} says at {@code now}; forgets the Leases no longer there. */
    void observeAll(Collection<Lease> leases, Instant now) {
        Set<String> names = leases.stream().map(l -> l.getMetadata().getName()).collect(Collectors.toSet());
        seen.keySet().retainAll(names);
        leases.forEach(l -> unchanged(l.getMetadata().getName(), LeaseState.of(l), now));
    }

    /** How long Lease {@code name} has said {@code state}, noting it at {@code now}: zero when it just changed (or is new here). */
    Duration unchanged(String name, LeaseState state, Instant now) {
        Seen s = seen.compute(name, (k, old) -> old != null && old.state().equals(state) ? old : new Seen(state, now));
        return Duration.between(s.since(), now);
    }

    /** Whether Lease {@code name}, saying {@code state} at {@code now}, may be taken: nobody holds it, or its holder went silent. */
    boolean free(String name, LeaseState state, Instant now) {
        return state.holder() == null || unchanged(name, state, now).compareTo(state.duration()) >= 0;
    }

    /** {@link #free} for {@link io.kustos.cluster.EnvironmentLock#acquire}. */
    LeaseExpiry expiry(String name) {
        return (state, now) -> free(name, state, now);
    }
}
