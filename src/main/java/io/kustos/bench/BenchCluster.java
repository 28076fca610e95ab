package io.kustos.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An API server the benchmark runs against, with an admin client and a request count taken at the server. */
public interface BenchCluster extends AutoCloseable {
    /** On every namespace the benchmark creates. */
    String BENCH_LABEL = "kustos.io/benchmark";

    /** {@code embedded} or {@code realkube}. */
    String name();

    /** A kubeconfig for Kustos and kubectl. */
    Path kubeconfig();

    /** The benchmark's own client (set-up and checks, never counted inside a measurement). */
    KubernetesClient admin();

    /** Requests the server has answered so far (all clients). */
    default ServerCounts counts() {
        return ApiServerMetrics.parse(metrics());
    }

    /**
     * Requests the server has answered once what a process that just exited sent is all counted: kube-apiserver
     * counts a watch when it ends, a moment after the client closed it. Read until two readings 200 ms apart agree
     * (at most 2 s).
     */
    default ServerCounts settledCounts() {
        ServerCounts last = counts();
        for (int i = 0; i < 10; i++) {
            Sleep.millis(200);
            ServerCounts now = counts();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The server's {@code /metrics} now (Prometheus text): {@link ApiServerMetrics} counts its requests. */
    String metrics();

    /**
     * Opens the cluster {@code name}: {@code embedded} starts {@code kustos cluster} under {@code dir}; {@code realkube}
     * reaches the real API server through {@code realkubeKubeconfig}, or is null (not measured) without one.
     */
    static BenchCluster open(String name, Path dir, Path realkubeKubeconfig) {
        return switch (name) {
            case "embedded" -> EmbeddedBenchCluster.start(dir);
            case "realkube" -> realkubeKubeconfig == null || !java.nio.file.Files.isReadable(realkubeKubeconfig) ? null
                    : new MetricsBenchCluster("realkube", realkubeKubeconfig);
            default -> throw new IllegalArgumentException("unknown cluster " + name + " (embedded, realkube)");
        };
    }

    default void createNamespace(String name) {
        admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(BENCH_LABEL, "true").endMetadata().build()).create();
    }

    /**
     * Waits until the controller has seen every Deployment of these namespaces at its latest
     * generation: kubectl returns before the rollouts it started are processed, and the controller's
     * backlog would otherwise slow the next measurement down.
     */
    default void awaitControllerIdle(List<String> namespaces) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (String ns : namespaces) {
            while (admin().apps().deployments().inNamespace(ns).list().getItems().stream().anyMatch(d -> d.getStatus() == null
                    || d.getStatus().getObservedGeneration() == null || d.getStatus().getObservedGeneration() < d.getMetadata().getGeneration())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the controller did not catch up with the Deployments in " + ns + " within 10 minutes");
                }
                Sleep.millis(250);
            }
        }
    }

    /** Deletes the namespaces the benchmark made (their objects go with them) and waits until they are gone. */
    default void deleteNamespaces() {
        admin().namespaces().withLabel(BENCH_LABEL, "true").delete();
        awaitNoBenchNamespaces();
    }

    /**
     * Deletes the benchmark's namespaces whose names start with {@code prefix} (one run's, not another's on a shared
     * server) and waits until they are gone: their deletion's requests would be counted in the next measurement.
     */
    default void deleteNamespaces(String prefix) {
        var mine = admin().namespaces().withLabel(BENCH_LABEL, "true").list().getItems().stream()
                .map(n -> n.getMetadata().getName()).filter(n -> n.startsWith(prefix)).toList();
        mine.forEach(n -> admin().namespaces().withName(n).delete());
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (admin().namespaces().withLabel(BENCH_LABEL, "true").list().getItems().stream().anyMatch(n -> n.getMetadata().getName().startsWith(prefix))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the namespaces " + prefix + "* were not deleted within 15 minutes");
            }
            Sleep.millis(500);
        }
    }

    /**
     * Waits until no namespace of an earlier run is left: the namespace controller deletes their
     * objects through the JSON API, which would be counted as this run's requests.
     */
    default void awaitNoBenchNamespaces() {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!admin().namespaces().withLabel(BENCH_LABEL, "true").list().getItems().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("namespaces labelled " + BENCH_LABEL + " were not deleted within 10 minutes");
            }
            Sleep.millis(500);
        }
    }

    /** Creates the Deployments and waits until the controller saw them, so that their set-up is not measured. */
    default void createDeployments(List<Deployment> deployments) {
        for (Deployment d : deployments) {
            admin().apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).create();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Deployment d : deployments) {
            var r = admin().apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName());
            while (true) {
                Deployment live = r.get();
                if (live != null && live.getStatus() != null && live.getStatus().getObservedGeneration() != null
                        && live.getStatus().getObservedGeneration() >= live.getMetadata().getGeneration()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the controller did not pick up " + d.getMetadata().getName() + " within 60 s");
                }
                Sleep.millis(50);
            }
        }
    }

    @Override
    void close();
}
