package io.kustos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded cluster as a user runs it, {@code kustos cluster}, in its own process: the
 * benchmark's JVM (its git server, its generated data) does not share a heap or a garbage
 * collector with the API server it measures. Requests are counted from the cluster's
 * {@code /metrics}, as on the real API server.
 */
final class EmbeddedBenchCluster extends MetricsBenchCluster {
    private final Process process;

    private EmbeddedBenchCluster(Path kubeconfig, Process process) {
        super("embedded", kubeconfig);
        this.process = process;
    }

    static EmbeddedBenchCluster start(Path workDir) {
        Path kubeconfig = workDir.resolve("embedded.kubeconfig");
        Path log = workDir.resolve("embedded-cluster.log");
        Process process;
        try {
            Files.deleteIfExists(kubeconfig);
            process = new ProcessBuilder(KustosLauncher.command("cluster", "--port", "0", "--kubeconfig", kubeconfig.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kustos cluster", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (!Files.exists(kubeconfig) || !Files.readString(log).contains("Kubeconfig written")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kustos cluster did not start within 60 s; see " + log);
                }
                Sleep.millis(100);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return new EmbeddedBenchCluster(kubeconfig, process);
    }

    /** Nothing to clean up: the cluster's process, with every object in it, ends with {@link #close}. */
    @Override
    public void deleteNamespaces() {
    }

    /** Nothing to clean up either: the cluster ends with {@link #close}. */
    @Override
    public void deleteNamespaces(String prefix) {
    }

    @Override
    public void close() {
        super.close();
        Processes.stop(process);
    }
}
