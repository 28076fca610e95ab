package io.kustos.diff;

import io.kustos.live.SecretFingerprints;
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
 * There is never an unkeyed hash over Secret values: without a key it is {@link #PENDING}, which
 * only {@code kustos diff} shows and nothing writes ({@link #forWriting}).
 */
public final class ConfigHash {
    /**
     * The hash of a workload using a Secret before its namespace has a fingerprint key: the first
     * apply creates the key and sets a keyed hash, so the workload restarts (differs from any live hash).
     */
    public static final String PENDING = "'***' # keyed at the first apply";

    private ConfigHash() {
    }

    /**
     * @return {@code hash}, to be written into a pod template
     * @throws IllegalStateException it is {@link #PENDING} (no fingerprint key: never written)
     */
    public static String forWriting(String hash) {
        if (PENDING.equals(hash)) {
            throw new IllegalStateException("no fingerprint key: a config hash over Secret values is never written unkeyed");
        }
        return hash;
    }

    /** Without a key: {@code sha256:} over ConfigMaps only, {@link #PENDING} when a Secret is among them. */
    public static String of(SortedSet<ObjectKey> refs, Map<ObjectKey, DesiredConfig> managed) {
        return of(refs, managed, SecretFingerprints.NONE);
    }

    /**
     * @param fingerprints the namespace's key; without it (before Kustos first wrote a Secret there)
     *                     the hash over a Secret is {@link #PENDING}, never an unkeyed digest
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
        if (!secret) {
            return digest;
        }
        return fingerprints.keyed() ? fingerprints.keyedDigest(digest) : PENDING;
    }
}
