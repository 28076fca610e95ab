package io.kustos.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code kustos bench scale} measures: every count of environments on every cluster with every count of replicas.
 *
 * @param environments           counts of environments, each a run of its own (e.g. 1, 10, 100)
 * @param objectsPerEnvironment  ConfigMaps and SOPS Secrets per environment, half each
 * @param workloadsPerEnvironment Deployments per environment (created before the first apply, patched by it)
 * @param replicas               counts of {@code kustos run} replicas: 1 runs without sharding, more with {@code sharding: {enabled: true}}
 * @param clusters               {@code embedded}, {@code realkube}
 * @param realkubeKubeconfig     null: the real API server is not measured (said in the report)
 * @param pollInterval           the daemons' {@code sync.interval}
 * @param idle                   how long the no-op polls are counted
 */
public record ScaleSettings(List<Integer> environments, int objectsPerEnvironment, int workloadsPerEnvironment, List<Integer> replicas,
                            List<String> clusters, Path realkubeKubeconfig, Duration pollInterval, Duration idle, Path out, boolean keepWorkDir) {
    public ScaleSettings {
        environments = List.copyOf(environments);
        replicas = List.copyOf(replicas);
        clusters = List.copyOf(clusters);
    }

    /** The repos of {@code count} environments. */
    public BenchShape shape(int count) {
        return new BenchShape(count * objectsPerEnvironment, count * workloadsPerEnvironment, count);
    }

    /** Objects Kustos writes per environment on a cold apply: its ConfigMaps and Secrets and a patch per Deployment. */
    public int writtenPerEnvironment() {
        return objectsPerEnvironment + workloadsPerEnvironment;
    }
}
