package io.kustos.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The size of the synthetic repos: {@code objects} ConfigMaps and Secrets (half each) spread
 * evenly over {@code environments}, and {@code workloads} Deployments, also spread evenly. In every
 * environment, Deployment {@code app-i} uses service {@code i}'s ConfigMap and Secret and the shared
 * ConfigMap of service {@code W + i/3} (W: Deployments per environment), so that shared ConfigMap
 * is used by 3 Deployments; the remaining services are used by none.
 */
public record BenchShape(int objects, int workloads, int environments) {
    public static final BenchShape DEFAULT = new BenchShape(1000, 200, 4);

    public BenchShape {
        if (environments < 1 || objects % (2 * environments) != 0 || workloads % environments != 0) {
            throw new IllegalArgumentException("objects must divide into 2 x " + environments
                    + " environments and workloads into " + environments + " (got " + objects + " objects, " + workloads + " workloads)");
        }
        int services = objects / 2 / environments;
        int perEnv = workloads / environments;
        if (perEnv < 3 || 2 * services < minimumObjectsPerEnvironment(perEnv)) {
            throw new IllegalArgumentException("each environment needs at least " + (perEnv + (perEnv + 2) / 3 + 1)
                    + " services for " + perEnv + " Deployments (and at least 3 Deployments): give more objects or fewer workloads");
        }
    }

    /** The fewest ConfigMaps and Secrets an environment of {@code workloads} Deployments needs: one of each per Deployment, the shared ones and an unused one. */
    public static int minimumObjectsPerEnvironment(int workloads) {
        return 2 * (workloads + (workloads + 2) / 3 + 1);
    }

    /** ConfigMaps per environment; as many Secrets. */
    public int servicesPerEnvironment() {
        return objects / 2 / environments;
    }

    public int workloadsPerEnvironment() {
        return workloads / environments;
    }

    /** Objects Kustos writes on a cold apply: every ConfigMap and Secret, and one patch per Deployment. */
    public int writtenObjects() {
        return objects + workloads;
    }

    public List<String> environmentNames() {
        if (environments == 4) {
            return List.of("dev", "qa", "staging", "production");
        }
        var names = new ArrayList<String>();
        for (int i = 0; i < environments; i++) {
            names.add("env-" + i);
        }
        return names;
    }

    public static String service(int i) {
        return String.format("svc-%03d", i);
    }

    public static String workload(int i) {
        return String.format("app-%03d", i);
    }

    /** The service whose ConfigMap is shared by Deployment {@code i} (and two others). */
    public int sharedService(int workload) {
        return workloadsPerEnvironment() + workload / 3;
    }

    /** A service no Deployment uses: the webhook scenario changes it, so no rollout follows. */
    public int unusedService() {
        return sharedService(workloadsPerEnvironment() - 1) + 1;
    }
}
