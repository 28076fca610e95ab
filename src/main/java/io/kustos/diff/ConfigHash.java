package io.kustos.diff;

import io.kustos.render.CanonicalHasher;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;

import java.util.Map;
import java.util.SortedSet;

/**
 * The pod-template annotation {@code kustos.io/config-hash}: SHA-256 over a length-prefixed
 * encoding of exactly the ConfigMaps and Secrets (managed by Kustos) that the workload uses, by
 * kind, name, type and every key and value; keyed ({@link SecretFingerprints#keyedDigest}) when
 * one of them is a Secret, since whoever may read the workload (or its pods) could otherwise test
 * guesses of the Secret's values against it. Same content, same hash: re-applying changes nothing,
 * and a revert gives back the old pod template, so Kubernetes reuses the old ReplicaSet.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** Unkeyed (for tests and workloads that use only ConfigMaps). */
    public static String of(SortedSet<ObjectKey> refs, Map<ObjectKey, DesiredConfig> managed) {
        return of(refs, managed, SecretFingerprints.NONE);
    }

    /**
     * @param fingerprints the namespace's key; without it (before Kustos first wrote a Secret there,
     *                     or when it may not create the key) the hash is unkeyed
     * @return the hash, or null when the workload uses no config that Kustos manages
     */
    public static String of(SortedSet<ObjectKey> refs, Map<ObjectKey, DesiredConfig> managed, SecretFingerprints fingerprints) {
        var h = new CanonicalHasher().string("kustos.io/config-hash/v1");
        int used = 0;
        boolean secret = false;
        for (ObjectKey ref : refs) {
            DesiredConfig c = managed.get(ref);
            if (c == null) {
                continue;
            }
            used++;
            secret |= c.isSecret();
            h.string(ref.kind()).string(ref.name()).string(c.type()).values(c.entries());
        }
        if (used == 0) {
            return null;
        }
        String digest = h.number(used).finish();
        return secret && fingerprints.keyed() ? fingerprints.keyedDigest(digest) : digest;
    }
}
