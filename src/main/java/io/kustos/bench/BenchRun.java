package io.kustos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole benchmark: synthetic repos of a given shape, then on each cluster, {@code runs} times
 * each, a cold apply by Kustos and by kubectl (and kubectl again: its no-op), then no-op polls, one
 * key changed, webhook latency; decryption beside {@code age -d}; and the daemon's memory after
 * polling. Prints the table and writes the JSON.
 */
public final class BenchRun {
    /** What to run. {@code realkubeKubeconfig} null: the real API server is skipped (said in the notes). */
    public record Settings(BenchShape shape, int runs, int webhookCommits, double daemonMinutes, List<String> clusters,
                           Path realkubeKubeconfig, Path out, boolean keepWorkDir) {
    }

    private final Settings settings;
    private final PrintStream log;

    public BenchRun(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Results run() {
        var results = new Results();
        Path dir = workDir();
        log.println("generating " + settings.shape() + " under " + dir + " ...");
        try (var ws = new BenchWorkspace(settings.shape(), dir)) {
            for (String name : settings.clusters()) {
                try (BenchCluster cluster = open(name, dir, results)) {
                    if (cluster == null) {
                        continue;
                    }
                    try {
                        cluster.awaitNoBenchNamespaces();
                        String prefix = onCluster(ws, cluster, results);
                        if (settings.daemonMinutes() > 0 && name.equals(memoryCluster())) {
                            log.printf("[%s] daemon memory: %.1f min of polls every 10 s ...%n", name, settings.daemonMinutes());
                            new DaemonScenarios(ws, cluster, results).memory(prefix, settings.daemonMinutes());
                        }
                    } finally {
                        try {
                            cluster.deleteNamespaces();
                        } catch (RuntimeException e) {
                            log.println("[" + name + "] could not delete the benchmark's namespaces (kustos.io/benchmark=true): " + e.getMessage());
                        }
                    }
                }
            }
            log.println("[local] decryption beside age -d ...");
            DecryptionScenario.addTo(results, DecryptionScenario.measure(2000, 30));
            if (settings.daemonMinutes() <= 0) {
                results.note("daemon memory", "not measured (--daemon-minutes 0)");
            }
        } finally {
            if (!settings.keepWorkDir()) {
                deleteTree(dir);
            }
        }
        var report = new BenchReport(results, setup());
        report.print(log);
        report.writeJson(settings.out());
        log.println("\nwritten: " + settings.out());
        return results;
    }

    /** The cluster the daemon memory run uses: the real API server when it is measured, else the last one. */
    private String memoryCluster() {
        return settings.clusters().contains("realkube") && settings.realkubeKubeconfig() != null ? "realkube"
                : settings.clusters().get(settings.clusters().size() - 1);
    }

    private String onCluster(BenchWorkspace ws, BenchCluster cluster, Results results) {
        String name = cluster.name();
        var cold = new ColdApplyScenario(ws, cluster, results);
        String prefix = null;
        for (int r = 1; r <= settings.runs(); r++) {
            log.printf("[%s] run %d/%d: cold apply by kustos, then by kubectl (and kubectl again), then the server floor ...%n", name, r, settings.runs());
            prefix = cold.kustos(r);
            cold.kubectl(r);
            new ServerFloorScenario(ws, cluster, results).run(r);
        }
        log.printf("[%s] no-op polls and one key changed, in process ...%n", name);
        try (var loop = new InProcessLoopScenarios(ws, cluster, results, prefix)) {
            loop.noOp(Math.max(10, 4 * settings.runs()));
            loop.oneKeyChanged(settings.runs(), 31 + settings.runs() * ("realkube".equals(name) ? 1 : 0));
        }
        if (settings.webhookCommits() > 0) {
            log.printf("[%s] webhook to applied, %d commits ...%n", name, settings.webhookCommits());
            new DaemonScenarios(ws, cluster, results).webhook(prefix, settings.webhookCommits());
        }
        return prefix;
    }

    private BenchCluster open(String name, Path dir, Results results) {
        BenchCluster cluster = BenchCluster.open(name, dir, settings.realkubeKubeconfig());
        if (cluster == null) {
            results.note("realkube", "not measured: no kubeconfig (set KUSTOS_REALKUBE_KUBECONFIG or --realkube-kubeconfig; .ci/run starts one)");
            log.println("realkube skipped: no kubeconfig");
        }
        return cluster;
    }

    private Map<String, Object> setup() {
        var s = new LinkedHashMap<String, Object>();
        s.put("objects", settings.shape().objects());
        s.put("configMaps", settings.shape().objects() / 2);
        s.put("sopsSecrets", settings.shape().objects() / 2);
        s.put("deployments", settings.shape().workloads());
        s.put("environments", settings.shape().environmentNames());
        s.put("writtenObjectsPerColdApply", settings.shape().writtenObjects());
        s.put("runs", settings.runs());
        s.put("webhookCommits", settings.webhookCommits());
        s.put("daemonMinutes", settings.daemonMinutes());
        s.put("kustosJvmFlags", System.getenv().getOrDefault("KUSTOS_JAVA_OPTS", String.join(" ", KustosLauncher.JVM_FLAGS)));
        s.put("cpus", Runtime.getRuntime().availableProcessors());
        s.put("java", System.getProperty("java.version"));
        return s;
    }

    static Path workDir() {
        try {
            return Files.createTempDirectory("kustos-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
