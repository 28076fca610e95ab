package io.kustos.diff;

/**
 * One key of a ConfigMap or Secret that differs. Values appear only as fingerprints.
 *
 * @param before fingerprint before, null when added
 * @param after  fingerprint after, null when removed
 */
public record EntryChange(String key, Kind kind, String before, String after) {
    public enum Kind { ADDED, CHANGED, REMOVED }
}
