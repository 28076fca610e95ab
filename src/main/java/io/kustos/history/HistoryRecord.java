package io.kustos.history;

import java.util.List;
import java.util.Map;

/**
 * One revision that changed a target or failed, as kept in the cluster. Values never appear:
 * each changed key is listed with the fingerprint of its new value (or "removed").
 *
 * @param number       1, 2, 3… per environment
 * @param outcome      applied, failed, rolled-back, drift-corrected, emergency-rollback, resumed
 * @param message      what went wrong, for failures (already free of secret values)
 * @param durationMs   how long applying took
 */
public record HistoryRecord(long number, String environment, String config, String releases,
                            Commit configCommit, Commit releasesCommit, String time, long durationMs,
                            String outcome, String message, List<ObjectRecord> objects) {
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

    /** The revisions as {@code config=…;releases=…}, as in the annotations. */
    public String revisions() {
        return "config=" + config + ";releases=" + releases;
    }
}
