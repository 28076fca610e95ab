package io.kustos.history;

import io.kustos.source.RevisionPair;

/**
 * What Kustos remembers of one environment, in the cluster, so it survives restarts.
 *
 * @param lastGood   the revisions last applied and rolled out successfully or null
 * @param lastFailed the revisions that last failed, or null: held (not tried again) until a new commit or
 *                   {@code kustos apply --retry}; an emergency rollback and {@code kustos resume} keep it
 * @param pausedAt   set by an emergency rollback: the git heads it paused at; syncing resumes at a new commit or `kustos resume`
 * <p>
 * Each is stored in the kustos-history ConfigMap in its {@link RevisionPair#annotation()} form.
 */
public record TargetState(RevisionPair lastGood, RevisionPair lastFailed, RevisionPair pausedAt) {
    public static final TargetState EMPTY = new TargetState(null, null, null);

    public TargetState withGood(RevisionPair good) {
        return new TargetState(good, null, pausedAt);
    }

    public TargetState withFailed(RevisionPair failed) {
        return new TargetState(lastGood, failed, pausedAt);
    }

    /** {@code next}'s changes from {@code base}, field by field, applied to this (a fresher) state. */
    public TargetState merge(TargetState base, TargetState next) {
        return new TargetState(java.util.Objects.equals(base.lastGood, next.lastGood) ? lastGood : next.lastGood,
                java.util.Objects.equals(base.lastFailed, next.lastFailed) ? lastFailed : next.lastFailed,
                java.util.Objects.equals(base.pausedAt, next.pausedAt) ? pausedAt : next.pausedAt);
    }

    public TargetState withPause(RevisionPair at) {
        return new TargetState(lastGood, lastFailed, at);
    }

    /**
     * After an emergency rollback to {@code to}, paused at {@code pausedAt}: {@code to} is the last
     * good revision, and a failed revision stays held (unless it is the one rolled back to), so
     * that ending the pause does not try it again.
     */
    public TargetState afterEmergencyRollback(RevisionPair to, RevisionPair pausedAt) {
        return new TargetState(to, to.equals(lastFailed) ? null : lastFailed, pausedAt);
    }

    /** After {@code kustos resume}: the pause ends, and only the pause. */
    public TargetState afterResume() {
        return withPause(null);
    }
}
