package io.kustos.source;

/**
 * Counters of one {@link GitSource} since it was created, for tests, metrics and benchmarks.
 *
 * @param lsRemoteCount how many times the remote was asked for the branch head
 * @param fetchCount    how many fetches ran (the first clone counts as one)
 * @param bytesFetched  growth of the local pack files caused by those fetches, approximately the
 *                      bytes received
 */
public record SourceStats(long lsRemoteCount, long fetchCount, long bytesFetched) {
}
