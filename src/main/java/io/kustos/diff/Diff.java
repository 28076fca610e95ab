package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.live.SecretFingerprints;
import io.kustos.render.DesiredState;

import java.util.List;

/**
 * Everything that differs between git and the cluster for one target.
 *
 * @param fingerprints how Secret values are shown (keyed fingerprints, or none)
 */
public record Diff(DesiredState desired, List<ConfigChange> configs, List<WorkloadChange> workloads, List<LiveConfig> prunes,
                   SecretFingerprints fingerprints) {
    public Diff {
        configs = List.copyOf(configs);
        workloads = List.copyOf(workloads);
        prunes = List.copyOf(prunes);
        fingerprints = fingerprints == null ? SecretFingerprints.NONE : fingerprints;
    }

    public Diff(DesiredState desired, List<ConfigChange> configs, List<WorkloadChange> workloads, List<LiveConfig> prunes) {
        this(desired, configs, workloads, prunes, SecretFingerprints.NONE);
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
