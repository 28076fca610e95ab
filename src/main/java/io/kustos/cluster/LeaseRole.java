package io.kustos.cluster;

/**
 * What a Lease taken and renewed by {@link EnvironmentLock} is to its holder, decided by the caller: what log lines
 * and errors call it, and whether another holder's takeover is the usual course (said as info) or a writer that died
 * holding it (a warning).
 *
 * @param noun             "the {noun} ns/name" in log lines: {@code write lock}, {@code Lease}
 * @param asLease          "the {asLease} ns/name" in errors that say which Lease a request was about
 * @param takeoverExpected whether taking it over from a holder that stopped renewing it is the usual course
 */
public record LeaseRole(String noun, String asLease, boolean takeoverExpected) {
    /** An environment's write lock {@code kustos-lock-<environment>}: taken over only from a writer that died holding it. */
    public static final LeaseRole WRITE_LOCK = new LeaseRole("write lock", "write lock Lease", false);
    /** A sharded replica's Lease (member or environment): taken over as a dead or leaving replica's share moves. */
    public static final LeaseRole SHARDING = new LeaseRole("Lease", "Lease", true);
}
