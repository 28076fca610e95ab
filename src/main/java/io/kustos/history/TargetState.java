package io.kustos.history;

/**
 * What Kustos remembers of one environment, in the cluster, so it survives restarts.
 *
 * @param lastGood   the revisions last applied and rolled out successfully ({@code config=…;releases=…}), or null
 * @param lastFailed the revisions that last failed (not retried until a new commit), or null
 * @param pausedAt   set by an emergency rollback: the git heads it paused at; syncing resumes at a new commit or `kustos resume`
 */
public record TargetState(String lastGood, String lastFailed, String pausedAt) {
    public static final TargetState EMPTY = new TargetState(null, null, null);

    public TargetState withGood(String good) {
        return new TargetState(good, null, pausedAt);
    }

    public TargetState withFailed(String failed) {
        return new TargetState(lastGood, failed, pausedAt);
    }

    /** {@code next}'s changes from {@code base}, field by field, applied to this (a fresher) state. */
    public TargetState merge(TargetState base, TargetState next) {
        return new TargetState(java.util.Objects.equals(base.lastGood, next.lastGood) ? lastGood : next.lastGood,
                java.util.Objects.equals(base.lastFailed, next.lastFailed) ? lastFailed : next.lastFailed,
                java.util.Objects.equals(base.pausedAt, next.pausedAt) ? pausedAt : next.pausedAt);
    }

    public TargetState withPause(String at) {
        return new TargetState(lastGood, lastFailed, at);
    }
}
