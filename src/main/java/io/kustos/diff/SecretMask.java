package io.kustos.diff;

import io.kustos.live.SecretFingerprints;
import io.kustos.render.ConfigValue;
import io.kustos.render.ObjectKey;

import java.util.HashMap;
import java.util.Map;

/**
 * How {@link ObjectView} writes one hidden value of a Secret (a data value, or an annotation other
 * than Kustos's own): its keyed fingerprint, or without a key {@code ***} as {@code kubectl diff}
 * masks it, marked {@code (before)} and {@code (after)} when the two sides differ. Never a length.
 */
@FunctionalInterface
interface SecretMask {
    String ANNOTATION = "metadata.annotations/";

    /** @param place the key of a data value, or {@link #ANNOTATION} and the annotation's key */
    String text(String place, ConfigValue value);

    /** The masks of the live and the merged side of one Secret; {@code merged} null for a prune. */
    static Pair pair(ObjectKey key, SecretFingerprints fingerprints, ObjectView.Parts live, ObjectView.Parts merged) {
        if (fingerprints.keyed()) {
            SecretMask keyed = (place, value) -> fingerprints.of(key + "/" + place, value).orElseThrow();
            return new Pair(keyed, keyed);
        }
        return new Pair(unkeyed(values(merged), "before"), unkeyed(values(live), "after"));
    }

    record Pair(SecretMask live, SecretMask merged) {
    }

    private static SecretMask unkeyed(Map<String, ConfigValue> otherSide, String side) {
        return (place, value) -> {
            ConfigValue other = otherSide.get(place);
            return other != null && other.sameContent(value) || otherSide.isEmpty() ? "***" : "*** (" + side + ")";
        };
    }

    private static Map<String, ConfigValue> values(ObjectView.Parts parts) {
        var out = new HashMap<String, ConfigValue>();
        if (parts != null) {
            out.putAll(parts.entries());
            parts.annotations().forEach((k, v) -> out.put(ANNOTATION + k, ConfigValue.text(v)));
        }
        return out;
    }
}
