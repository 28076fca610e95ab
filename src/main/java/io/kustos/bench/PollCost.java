package io.kustos.bench;

/**
 * The cost of the no-op polls counted over a window with the daemons idle (everything in sync, nothing new in git),
 * per round: one round is every owning replica polling its share once, so every environment polled once.
 *
 * @param seconds         the window
 * @param polls           polls of all replicas in the window (each polls only the environments it owns)
 * @param owningReplicas  replicas owning at least one environment (the others do not poll)
 * @param pollSeconds     time all those polls spent listing the git heads (the daemons' {@code kustos_source_fetch_duration})
 * @param cpuMillis       CPU time all replicas used in the window: polls, watches, Lease upkeep
 * @param leaseRequests   requests for Leases at the server (sharding's upkeep; none without it)
 * @param otherRequests   every other request at the server (watches not counted)
 * @param otherReads      of those, reads (GET, LIST)
 */
record PollCost(double seconds, long polls, int owningReplicas, double pollSeconds, double cpuMillis, long leaseRequests, long otherRequests,
                long otherReads) {
    /** Every environment polled once: polls / owning replicas (at least one, so that the figures stay finite). */
    double rounds() {
        return Math.max(1.0, (double) polls / Math.max(1, owningReplicas));
    }

    /** Requests other than Leases per round: what polling itself asks the API server. */
    double requestsPerRound() {
        return otherRequests / rounds();
    }

    /** Of {@link #requestsPerRound()}, the reads. */
    double readsPerRound() {
        return otherReads / rounds();
    }

    /** Lease requests per second, all replicas: sharding's standing cost, whether anything changes or not. */
    double leaseRequestsPerSecond() {
        return leaseRequests / seconds;
    }

    /** Listing the git heads, ms per poll (mean). */
    double msPerPoll() {
        return polls == 0 ? 0 : pollSeconds * 1000 / polls;
    }

    /** CPU ms of all replicas per round, Lease upkeep included. */
    double cpuMillisPerRound() {
        return cpuMillis / rounds();
    }
}
