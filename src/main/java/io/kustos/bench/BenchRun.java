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
    /**
     * What to run. {@code realkubeKubeconfig} null: the real API server is skipped (said in the notes). {@code cliStartRuns}:
     * runs of each command of the CLI start scenario (0 skips it). {@code scaleTo}: a larger shape whose webhook latency and
     * daemon memory are measured beside the run's own (null: none). {@code quick}: the report says its figures are indicative.
     */
    public record Settings(BenchShape shape, int runs, int webhookCommits, double daemonMinutes, List<String> clusters,
                           Path realkubeKubeconfig, Path out, boolean keepWorkDir, int cliStartRuns, BenchShape scaleTo,
                           int decryptions, int ageRuns, boolean quick) {
    }

    /** Said at the top of a quick run's report and in its JSON: its figures are for checking a change, not for the release table. */
    public static final String QUICK_NOTE = "QUICK RUN (--quick): fewer runs, commits and minutes; figures are indicative, not the release figures";

    private final Settings settings;
    private final PrintStream log;
    /** When {@link #run} started: each step's line says how far into the run it begins. */
    private long started = System.nanoTime();

    public BenchRun(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Results run() {
        var results = new Results();
        started = System.nanoTime();
        String loadAtStart = loadAverage();
        Path dir = workDir();
        step("generating %s under %s ...", settings.shape(), dir);
        try (var ws = new BenchWorkspace(settings.shape(), dir)) {
            for (String name : settings.clusters()) {
                try (BenchCluster cluster = open(name, dir, results)) {
                    if (cluster == null) {
                        continue;
                    }
                    try {
                        cluster.awaitNoBenchNamespaces();
                        if (settings.cliStartRuns() > 0) {
                            step("[%s] CLI start: the example repo, no-op apply, diff, validate and kubectl, %d times each ...",
                                    name, settings.cliStartRuns());
                            new CliStartScenario(ws, cluster, results).run(settings.cliStartRuns());
                        }
                        String prefix = onCluster(ws, cluster, results);
                        if (settings.daemonMinutes() > 0 && name.equals(memoryCluster())) {
                            step("[%s] daemon memory: %.1f min of polls every 10 s ...", name, settings.daemonMinutes());
                            new DaemonScenarios(ws, cluster, results).memory(prefix, settings.daemonMinutes());
                        }
                        if (settings.scaleTo() != null) {
                            atScale(cluster, dir, results);
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
            step("[local] decryption beside age -d ...");
            DecryptionScenario.addTo(results, DecryptionScenario.measure(settings.decryptions(), settings.ageRuns()));
            if (settings.daemonMinutes() <= 0) {
                results.note("daemon memory", "not measured (--daemon-minutes 0)");
            }
        } finally {
            if (!settings.keepWorkDir()) {
                deleteTree(dir);
            }
        }
        if (settings.quick()) {
            results.note("quick", QUICK_NOTE);
        }
        results.note("duration", String.format("the run took %.1f min", (System.nanoTime() - started) / 60e9));
        results.note("load average", "1, 5, 15 min: " + loadAtStart + " at the start, " + loadAverage() + " at the end (other processes move wall times; CPU times and counts less)");
        var report = new BenchReport(results, setup());
        report.print(log);
        report.writeJson(settings.out());
        log.println("\nwritten: " + settings.out());
        return results;
    }

    /**
     * The daemon scenarios again with the larger shape, in its own workspace and namespaces (its Deployments made
     * first; the daemon's first reconcile is their cold apply): webhook to applied, then its memory (on the cluster the
     * run's own memory is measured on).
     */
    private void atScale(BenchCluster cluster, Path dir, Results results) {
        BenchShape big = settings.scaleTo();
        String label = DaemonScenarios.label(big);
        step("[%s] generating %s for webhook to applied and daemon memory%s ...", cluster.name(), big, label);
        try (var ws = new BenchWorkspace(big, dir.resolve("scale-" + big.objects()))) {
            String prefix = ws.id + "-scale";
            for (String env : big.environmentNames()) {
                String ns = BenchWorkspace.namespace(prefix, env);
                cluster.createNamespace(ns);
                cluster.createDeployments(ws.synthetic.deployments(ns));
            }
            var daemon = new DaemonScenarios(ws, cluster, results, label);
            if (settings.webhookCommits() > 0) {
                step("[%s] webhook to applied%s, %d commits ...", cluster.name(), label, settings.webhookCommits());
                daemon.webhook(prefix, settings.webhookCommits());
            }
            if (settings.daemonMinutes() > 0 && cluster.name().equals(memoryCluster())) {
                step("[%s] daemon memory%s: %.1f min of polls every 10 s ...", cluster.name(), label, settings.daemonMinutes());
                daemon.memory(prefix, settings.daemonMinutes());
            }
        }
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
            step("[%s] run %d/%d: cold apply by kustos, then by kubectl (and kubectl again), then the server floor ...", name, r, settings.runs());
            prefix = cold.kustos(r);
            cold.kubectl(r);
            new ServerFloorScenario(ws, cluster, results).run(r);
        }
        step("[%s] no-op polls and one key changed, in process ...", name);
        try (var loop = new InProcessLoopScenarios(ws, cluster, results, prefix)) {
            loop.noOp(Math.max(10, 4 * settings.runs()));
            loop.oneKeyChanged(settings.runs(), 31 + settings.runs() * ("realkube".equals(name) ? 1 : 0));
        }
        if (settings.webhookCommits() > 0) {
            step("[%s] webhook to applied, %d commits ...", name, settings.webhookCommits());
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
        s.put("mode", settings.quick() ? "quick (indicative figures)" : "full");
        s.put("runs", settings.runs());
        s.put("cliStartRuns", settings.cliStartRuns());
        if (settings.scaleTo() != null) {
            s.put("scaleTo", Map.of("objects", settings.scaleTo().objects(), "deployments", settings.scaleTo().workloads(),
                    "environments", settings.scaleTo().environments()));
        }
        s.put("webhookCommits", settings.webhookCommits());
        s.put("daemonMinutes", settings.daemonMinutes());
        s.put("kustosJvmFlags", System.getenv().getOrDefault("KUSTOS_JAVA_OPTS", String.join(" ", KustosLauncher.JVM_FLAGS)));
        s.put("cpus", Runtime.getRuntime().availableProcessors());
        s.put("java", System.getProperty("java.version"));
        s.put("cliJava", KustosLauncher.jdkOf("apply")); // the short commands' (the launcher picks a JDK 25+ when there is one)
        s.put("daemonJava", KustosLauncher.jdkOf("run"));
        return s;
    }

    /** A step's line, after the minutes and seconds since the run started, e.g. {@code [+2:05] [embedded] webhook to applied …}. */
    private void step(String format, Object... args) {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        log.printf("[+%d:%02d] %s%n", s / 60, s % 60, String.format(format, args));
    }

    /** The machine's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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
