package io.kustos.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kustos.outcome.Outcome;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

import java.util.List;
import java.util.Map;

/**
 * One revision that changed a target or failed, as kept in the cluster. Values never appear:
 * each changed key is listed with the fingerprint of its new value (or "removed").
 *
 * @param number       1, 2, 3… per environment
 * @param config       the config revision, {@code main@sha1:<40 hex>}
 * @param outcome      applied, failed, rolled-back, drift-corrected, emergency-rollback or resumed (stored as its word)
 * @param message      what went wrong, for failures (already free of secret values)
 * @param durationMs   how long applying took
 * @param objects      every object of the change set, never cut short
 * @param counts       for a long change set ({@link ChangeCounts}), how many objects per kind and action,
 *                     e.g. {@code "Secret created": 120}; absent (not stored) for a short one
 * @param forcePushes  the force pushes followed to reach this revision ({@code allowForcePush}); absent when none
 */
public record HistoryRecord(long number, String environment, String config, String releases,
                            Commit configCommit, Commit releasesCommit, String time, long durationMs,
                            Outcome outcome, String message, List<ObjectRecord> objects,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> counts,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rewrite> forcePushes) {
    public HistoryRecord {
        objects = objects == null ? List.of() : List.copyOf(objects);
        counts = java.util.Collections.unmodifiableSortedMap(counts == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(counts));
        forcePushes = forcePushes == null ? List.of() : List.copyOf(forcePushes);
    }

    public HistoryRecord(long number, String environment, String config, String releases, Commit configCommit,
                         Commit releasesCommit, String time, long durationMs, Outcome outcome, String message,
                         List<ObjectRecord> objects) {
        this(number, environment, config, releases, configCommit, releasesCommit, time, durationMs, outcome, message, objects,
                ChangeCounts.of(objects), List.of());
    }

    /** The commit facts that matter for audit. */
    public record Commit(String sha, String author, String date, String subject) {
    }

    /** One object the revision changed: action is created, updated, restarted, image or pruned. */
    public record ObjectRecord(String kind, String namespace, String name, String action, Map<String, String> keys) {
    }

    /**
     * A force push followed to reach the revision: the branch of {@code source} ({@code config} or
     * {@code releases}) moved from {@code oldHead} to {@code newHead}, which does not descend from it.
     */
    public record Rewrite(String source, String branch, String oldHead, String newHead) {
        /** {@code config branch main force-pushed: 1a2b3c4 → 5d6e7f8} */
        public String describe() {
            return source + " branch " + branch + " force-pushed: " + shortSha(oldHead) + " → " + shortSha(newHead);
        }

        private static String shortSha(String sha) {
            return sha.length() > 7 ? sha.substring(0, 7) : sha;
        }
    }

    public HistoryRecord withNumber(long n) {
        return new HistoryRecord(n, environment, config, releases, configCommit, releasesCommit, time, durationMs, outcome, message, objects,
                counts, forcePushes);
    }

    public HistoryRecord withObjects(List<ObjectRecord> all) {
        return new HistoryRecord(number, environment, config, releases, configCommit, releasesCommit, time, durationMs, outcome, message, all,
                ChangeCounts.of(all), forcePushes);
    }

    public HistoryRecord withForcePushes(List<Rewrite> followed) {
        return new HistoryRecord(number, environment, config, releases, configCommit, releasesCommit, time, durationMs, outcome, message, objects,
                counts, followed);
    }

    /** The two revisions of the record. */
    public RevisionPair revisions() {
        return new RevisionPair(Revision.parse(config), Revision.parse(releases));
    }

    /** Whether the record is of {@code revisions} (compared as stored: a record of an old release may not parse). */
    public boolean isOf(RevisionPair revisions) {
        return revisions.config().toString().equals(config) && revisions.releases().toString().equals(releases);
    }
}
