package io.kustos.history;

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
 */
public record HistoryRecord(long number, String environment, String config, String releases,
                            Commit configCommit, Commit releasesCommit, String time, long durationMs,
                            Outcome outcome, String message, List<ObjectRecord> objects) {
    public HistoryRecord {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** The commit facts that matter for audit. */
    public record Commit(String sha, String author, String date, String subject) {
    }

    /** One object the revision changed: action is created, updated, restarted, image or pruned. */
    public record ObjectRecord(String kind, String namespace, String name, String action, Map<String, String> keys) {
    }

    public HistoryRecord withNumber(long n) {
        return new HistoryRecord(n, environment, config, releases, configCommit, releasesCommit, time, durationMs, outcome, message, objects);
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
