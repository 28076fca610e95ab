package io.kustos.history;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records written before Secret fingerprints were keyed hold {@code sha256:1a2b3c4d} for each
 * changed Secret key: a hash salted only by the key's place, so a short value (a PIN) can be found
 * again from it. They are read as {@code changed}, so neither {@code kustos history} nor the next
 * write of the kustos-history ConfigMap carries them any more.
 */
final class UnkeyedFingerprints {
    static final String LEGACY_PREFIX = "sha256:";
    static final String REPLACEMENT = "changed";

    private UnkeyedFingerprints() {
    }

    static HistoryRecord scrub(HistoryRecord r) {
        if (r.objects().stream().noneMatch(UnkeyedFingerprints::holdsAny)) {
            return r;
        }
        return new HistoryRecord(r.number(), r.environment(), r.config(), r.releases(), r.configCommit(), r.releasesCommit(),
                r.time(), r.durationMs(), r.outcome(), r.message(), r.objects().stream().map(UnkeyedFingerprints::scrub).toList(), r.counts(), r.forcePushes());
    }

    private static boolean holdsAny(HistoryRecord.ObjectRecord o) {
        return "Secret".equals(o.kind()) && o.keys() != null && o.keys().values().stream().anyMatch(UnkeyedFingerprints::unkeyed);
    }

    private static HistoryRecord.ObjectRecord scrub(HistoryRecord.ObjectRecord o) {
        if (!holdsAny(o)) {
            return o;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        o.keys().forEach((k, v) -> keys.put(k, unkeyed(v) ? REPLACEMENT : v));
        return new HistoryRecord.ObjectRecord(o.kind(), o.namespace(), o.name(), o.action(), keys);
    }

    private static boolean unkeyed(String value) {
        return value != null && value.startsWith(LEGACY_PREFIX);
    }
}
