package io.kustos.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kustos bench scale}: for each count of environments, synthetic repos of that many environments, then on each
 * cluster, for each count of replicas, one {@link ScaleScenario}. Writes the JSON after every measurement (a long run
 * stopped halfway keeps what it measured), then prints the tables and the growth per environment.
 */
public final class ScaleRun {
    private final ScaleSettings settings;
    private final PrintStream log;
    private final List<ScalePoint> points = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    public ScaleRun(ScaleSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return whether every measurement asked for was made */
    public boolean run() {
        for (int environments : settings.environments()) {
            BenchShape shape = settings.shape(environments);
            Path dir = BenchRun.workDir();
            log.println("generating " + environments + " environments of " + settings.objectsPerEnvironment() + " objects and "
                    + settings.workloadsPerEnvironment() + " Deployments each under " + dir + " ...");
            try (var ws = new BenchWorkspace(shape, dir)) {
                for (String name : settings.clusters()) {
                    onCluster(ws, name, dir);
                }
            } finally {
                if (settings.keepWorkDir()) {
                    log.println("kept: " + dir);
                } else {
                    BenchRun.deleteTree(dir);
                }
            }
        }
        var report = report();
        report.print(log);
        log.println("\nwritten: " + settings.out());
        return notes.keySet().stream().noneMatch(k -> k.startsWith("failed"));
    }

    private void onCluster(BenchWorkspace ws, String name, Path dir) {
        try (BenchCluster cluster = BenchCluster.open(name, dir, settings.realkubeKubeconfig())) {
            if (cluster == null) {
                notes.put("realkube", "not measured: no kubeconfig (set KUSTOS_REALKUBE_KUBECONFIG or --realkube-kubeconfig; .ci/run starts one)");
                log.println("realkube skipped: no kubeconfig");
                return;
            }
            for (int replicas : settings.replicas()) {
                String what = name + ", " + ws.shape.environments() + " environments, " + replicas + " replica(s)";
                try {
                    points.add(new ScaleScenario(ws, cluster, settings, log).run(replicas));
                } catch (RuntimeException e) {
                    notes.put("failed: " + what, String.valueOf(e.getMessage()));
                    log.println("[" + what + "] failed: " + e.getMessage());
                } finally {
                    try {
                        cluster.deleteNamespaces(ws.id + "-");
                    } catch (RuntimeException e) {
                        log.println("[" + name + "] could not delete the benchmark's namespaces (kustos.io/benchmark=true): " + e.getMessage());
                    }
                    report().writeJson(settings.out());
                }
            }
        }
    }

    private ScaleReport report() {
        var setup = new LinkedHashMap<String, Object>();
        setup.put("date", Instant.now().toString());
        setup.put("environments", settings.environments());
        setup.put("objectsPerEnvironment", settings.objectsPerEnvironment());
        setup.put("configMapsPerEnvironment", settings.objectsPerEnvironment() / 2);
        setup.put("sopsSecretsPerEnvironment", settings.objectsPerEnvironment() / 2);
        setup.put("deploymentsPerEnvironment", settings.workloadsPerEnvironment());
        setup.put("replicas", settings.replicas());
        setup.put("pollInterval", settings.pollInterval().toString());
        setup.put("idleWindow", settings.idle().toString());
        setup.put("sharding", "defaults: leaseDuration 15s, renewDeadline 10s, retryPeriod 2s");
        setup.put("kustosJvmFlags", System.getenv().getOrDefault("KUSTOS_JAVA_OPTS", String.join(" ", KustosLauncher.JVM_FLAGS)));
        setup.put("cpus", Runtime.getRuntime().availableProcessors());
        setup.put("java", System.getProperty("java.version"));
        return new ScaleReport(points, setup, notes);
    }

    /** What was measured so far. */
    List<ScalePoint> points() {
        return List.copyOf(points);
    }

    Map<String, String> notes() {
        return Map.copyOf(notes);
    }
}
