package io.kustos.diff;

import io.kustos.render.DesiredState;

import java.util.List;

/** Everything that differs between git and the cluster for one target. */
public record Diff(DesiredState desired, List<ConfigChange> configs, List<WorkloadChange> workloads, List<LiveConfig> prunes) {
    public Diff {
        configs = List.copyOf(configs);
        workloads = List.copyOf(workloads);
        prunes = List.copyOf(prunes);
    }

    public Diff(DesiredState desired, List<ConfigChange> configs, List<WorkloadChange> workloads) {
        this(desired, configs, workloads, List.of());
    }

    public boolean isEmpty() {
        return configs.isEmpty() && workloads.isEmpty() && prunes.isEmpty();
    }

    public int size() {
        return configs.size() + workloads.size() + prunes.size();
    }
}
