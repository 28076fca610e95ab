package io.kustos.source;

/**
 * Counters of one {@link GitSource} since it was created, for tests, metrics and benchmarks.
 *
 * @param lsRemoteCount how many times a poll asked the remote for the branch head (its fetch's ref advertisement)
 * @param fetchCount    how many fetches brought objects or moved the branch (the first clone counts as one), plus the
 *                      other fetches (a lineage check's, a preview's)
 * @param bytesFetched  growth of the local pack files caused by those fetches, approximately the
 *                      bytes received
 */
public record SourceStats(long lsRemoteCount, long fetchCount, long bytesFetched) {
}
