package io.kustos.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.RequestLog;

import java.nio.file.Path;

/** The embedded cluster, in the benchmark's process; requests are counted by its request log. */
final class EmbeddedBenchCluster implements BenchCluster {
    private final EmbeddedCluster cluster;
    private final Path kubeconfig;

    EmbeddedBenchCluster(Path workDir) {
        this.cluster = EmbeddedCluster.start(0);
        this.kubeconfig = workDir.resolve("embedded.kubeconfig");
        cluster.writeKubeconfig(kubeconfig);
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public KubernetesClient admin() {
        return cluster.client();
    }

    @Override
    public ServerCounts counts() {
        ServerCounts c = ServerCounts.ZERO;
        for (RequestLog.Entry e : cluster.requests().entries()) {
            c = c.plus(category(e), 1);
        }
        return c;
    }

    private static String category(RequestLog.Entry e) {
        if (!e.isWrite()) {
            return "read";
        }
        if (e.dryRun()) {
            return "dryRun";
        }
        return e.path().contains("/events") ? "event" : "write";
    }

    /** Nothing to clean up: the whole cluster goes with {@link #close}. */
    @Override
    public void deleteNamespaces() {
    }

    @Override
    public void close() {
        cluster.close();
    }
}
