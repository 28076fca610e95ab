package io.kustos.diff;

import io.kustos.render.CanonicalHasher;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;

import java.util.Map;
import java.util.SortedSet;

/**
 * The pod-template annotation {@code kustos.io/config-hash}: SHA-256 over a length-prefixed
 * encoding of exactly the ConfigMaps and Secrets (managed by Kustos) that the workload uses, by
 * kind, name, type and every key and value. Same content, same hash: re-applying changes nothing,
 * and a revert gives back the old pod template, so Kubernetes reuses the old ReplicaSet.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** @return the hash, or null when the workload uses no config that Kustos manages */
    public static String of(SortedSet<ObjectKey> refs, Map<ObjectKey, DesiredConfig> managed) {
        var h = new CanonicalHasher().string("kustos.io/config-hash/v1");
        int used = 0;
        for (ObjectKey ref : refs) {
            DesiredConfig c = managed.get(ref);
            if (c == null) {
                continue;
            }
            used++;
            h.string(ref.kind()).string(ref.name()).string(c.type()).values(c.entries());
        }
        return used == 0 ? null : h.number(used).finish();
    }
}
