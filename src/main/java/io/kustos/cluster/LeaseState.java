package io.kustos.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kustos.config.WriteLock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * What a {@code coordination.k8s.io/v1} Lease says of its holder, and the rule for taking it:
 * free when nobody holds it or its holder has not renewed it for its {@code leaseDurationSeconds}
 * (a holder killed with -9), as fabric8's LeaderElector decides. Pure: the time is passed in.
 *
 * @param holder      the holder's identity; null when released
 * @param acquired    when the holder took it
 * @param renewed     when the holder last renewed it
 * @param duration    how long it holds without renewal
 * @param transitions how many times it changed hands
 */
public record LeaseState(String holder, Instant acquired, Instant renewed, Duration duration, int transitions) {
    /** A Lease that does not exist yet. */
    public static final LeaseState NONE = new LeaseState(null, null, null, Duration.ZERO, 0);

    public LeaseState {
        holder = holder == null || holder.isEmpty() ? null : holder;
    }

    /** What {@code lease} says. */
    public static LeaseState of(Lease lease) {
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        Integer seconds = spec.getLeaseDurationSeconds();
        return new LeaseState(spec.getHolderIdentity(), instant(spec.getAcquireTime()), instant(spec.getRenewTime()),
                Duration.ofSeconds(seconds == null ? 0 : seconds), spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions());
    }

    /** Whether {@code who} holds it (and may renew it). */
    public boolean heldBy(String who) {
        return holder != null && holder.equals(who);
    }

    /** Whether another writer may take it at {@code now}: nobody holds it, or its holder stopped renewing it. */
    public boolean free(Instant now) {
        return holder == null || renewed == null || !now.isBefore(expires());
    }

    /** When it expires unless renewed. */
    public Instant expires() {
        return (renewed == null ? Instant.EPOCH : renewed).plus(duration);
    }

    /** The state after {@code who} takes it (or renews it, when it already holds it) at {@code now} for {@code duration}. */
    public LeaseState takenBy(String who, Instant now, Duration duration) {
        if (heldBy(who)) {
            return new LeaseState(who, acquired == null ? now : acquired, now, duration, transitions);
        }
        return new LeaseState(who, now, now, duration, holder == null && acquired == null ? transitions : transitions + 1);
    }

    /** The state after its holder gives it up at {@code now}: nobody holds it, and it is free at once. */
    public LeaseState released(Instant now) {
        return new LeaseState(null, acquired, now, Duration.ofSeconds(1), transitions);
    }

    /** Writes this state into {@code spec}. */
    void writeTo(LeaseSpec spec) {
        spec.setHolderIdentity(holder);
        spec.setAcquireTime(zoned(acquired));
        spec.setRenewTime(zoned(renewed));
        spec.setLeaseDurationSeconds(WriteLock.seconds(duration));
        spec.setLeaseTransitions(transitions);
    }

    private static Instant instant(ZonedDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static ZonedDateTime zoned(Instant t) {
        return t == null ? null : t.atZone(ZoneOffset.UTC);
    }
}
