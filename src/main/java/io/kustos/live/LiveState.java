package io.kustos.live;

import io.kustos.render.ObjectKey;

import java.util.Map;

/**
 * What the cluster holds of the kinds Kustos manages, in the target's namespaces.
 *
 * @param fingerprints keyed with the target namespace's {@code kustos-fingerprint-key}, or {@link SecretFingerprints#NONE}
 */
public record LiveState(Map<ObjectKey, LiveConfig> configs, Map<ObjectKey, LiveWorkload> workloads, SecretFingerprints fingerprints) {
    public LiveState {
        configs = Map.copyOf(configs);
        workloads = Map.copyOf(workloads);
        fingerprints = fingerprints == null ? SecretFingerprints.NONE : fingerprints;
    }

    /** Without a fingerprint key. */
    public LiveState(Map<ObjectKey, LiveConfig> configs, Map<ObjectKey, LiveWorkload> workloads) {
        this(configs, workloads, SecretFingerprints.NONE);
    }

    public LiveState withFingerprints(SecretFingerprints keyed) {
        return new LiveState(configs, workloads, keyed);
    }
}
