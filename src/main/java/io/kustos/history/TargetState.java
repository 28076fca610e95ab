package io.kustos.history;

/**
 * What Kustos remembers of one environment, in the cluster, so it survives restarts.
 *
 * @param lastGood   the revisions last applied and rolled out successfully ({@code config=…;releases=…}), or null
 * @param lastFailed the revisions that last failed (not retried until a new commit), or null
 */
public record TargetState(String lastGood, String lastFailed) {
    public static final TargetState EMPTY = new TargetState(null, null);
}
