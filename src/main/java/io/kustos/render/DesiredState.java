package io.kustos.render;

import java.util.List;

/**
 * Everything one target should have at one pair of revisions.
 *
 * @param digest a canonical SHA-256 over everything rendered: same inputs, same digest
 */
public record DesiredState(String environment, String namespace, SourceRevisions revisions,
                           List<DesiredConfig> configs, List<DesiredWorkload> workloads,
                           List<PreDeployHook> hooks, String digest) {
    public DesiredState {
        configs = List.copyOf(configs);
        workloads = List.copyOf(workloads);
        hooks = List.copyOf(hooks);
    }
}
