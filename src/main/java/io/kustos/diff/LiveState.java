package io.kustos.diff;

import io.kustos.render.ObjectKey;

import java.util.Map;

/** What the cluster holds of the kinds Kustos manages, in the target's namespaces. */
public record LiveState(Map<ObjectKey, LiveConfig> configs, Map<ObjectKey, LiveWorkload> workloads) {
    public LiveState {
        configs = Map.copyOf(configs);
        workloads = Map.copyOf(workloads);
    }
}
