package io.kustos.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An API server in another process whose requests it counts itself: a real kube-apiserver
 * (../shared/tools/realkube, or any cluster whose kubeconfig may read {@code /metrics}), or the
 * embedded cluster run by {@code kustos cluster}, which serves the same counter.
 * {@link ApiServerMetrics} reads {@code apiserver_request_total} before and after each measurement.
 */
class MetricsBenchCluster implements BenchCluster {
    private final String name;
    private final Path kubeconfig;
    private final KubernetesClient admin;

    MetricsBenchCluster(String name, Path kubeconfig) {
        this.name = name;
        this.kubeconfig = kubeconfig;
        try {
            this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public KubernetesClient admin() {
        return admin;
    }

    @Override
    public String metrics() {
        return admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    }

    @Override
    public void close() {
        admin.close();
    }
}
