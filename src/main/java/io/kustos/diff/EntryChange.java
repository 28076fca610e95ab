package io.kustos.diff;

/**
 * One key of a ConfigMap or Secret that differs. Values appear only as fingerprints (a Secret's
 * keyed, see {@link SecretFingerprints}), or as {@link #HIDDEN} for a Secret when there is no key.
 *
 * @param before fingerprint before, null when added
 * @param after  fingerprint after, null when removed
 */
public record EntryChange(String key, Kind kind, String before, String after) {
    /** A Secret value with no fingerprint (no key): only that it changed is shown. */
    public static final String HIDDEN = "***";

    public enum Kind { ADDED, CHANGED, REMOVED }

    /** Whether before and after are fingerprints (or short ConfigMap text) worth printing. */
    public boolean shown() {
        return !HIDDEN.equals(before) && !HIDDEN.equals(after);
    }
}
