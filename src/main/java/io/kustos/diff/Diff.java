package io.kustos.diff;

import io.kustos.render.DesiredState;

import java.util.List;

/** Everything that differs between git and the cluster for one target. */
public record Diff(DesiredState desired, List<ConfigChange> configs, List<WorkloadChange> workloads) {
    public Diff {
        configs = List.copyOf(configs);
        workloads = List.copyOf(workloads);
    }

    public boolean isEmpty() {
        return configs.isEmpty() && workloads.isEmpty();
    }

    public int size() {
        return configs.size() + workloads.size();
    }
}
