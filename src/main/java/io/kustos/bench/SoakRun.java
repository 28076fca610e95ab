package io.kustos.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** {@code kustos bench soak} on each cluster asked for: a workspace of the soak's shape, the soak, the report and its JSON. */
public final class SoakRun {
    /** A small shape: each commit is about one object, so the repo's size matters little; 4 environments, 3 Deployments each. */
    public static final BenchShape SHAPE = new BenchShape(80, 12, 4);

    public record Settings(int commits, long seed, List<String> clusters, Path realkubeKubeconfig, Path out, boolean keepWorkDir) {
    }

    private final Settings settings;
    private final PrintStream log;

    public SoakRun(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** @return whether every soak converged with a complete history and flat RSS */
    public boolean run() {
        log.println("soak: " + settings.commits() + " commits, seed " + settings.seed() + " (replay: --seed " + settings.seed() + ")");
        var reports = new ArrayList<SoakReport>();
        Path dir = BenchRun.workDir();
        try (var ws = new BenchWorkspace(SHAPE, dir)) {
            for (String name : settings.clusters()) {
                try (BenchCluster cluster = open(name, dir)) {
                    if (cluster == null) {
                        continue;
                    }
                    log.printf("[%s] soak of %d commits ...%n", name, settings.commits());
                    var soak = new Soak(new Soak.Settings(settings.commits(), settings.seed(), Math.max(1, settings.commits() / 40), true), log);
                    SoakReport report = soak.run(ws, cluster);
                    report.print(log);
                    reports.add(report);
                }
            }
        } finally {
            if (settings.keepWorkDir()) {
                log.println("kept: " + dir);
            } else {
                BenchRun.deleteTree(dir);
            }
        }
        var setup = new LinkedHashMap<String, Object>();
        setup.put("shape", SHAPE.toString());
        setup.put("historyLimit", Soak.HISTORY_LIMIT);
        setup.put("kustosJvmFlags", System.getenv().getOrDefault("KUSTOS_JAVA_OPTS", String.join(" ", KustosLauncher.JVM_FLAGS)));
        setup.put("cpus", Runtime.getRuntime().availableProcessors());
        SoakReport.writeJson(settings.out(), setup, reports);
        log.println("\nwritten: " + settings.out());
        return !reports.isEmpty() && reports.stream().allMatch(r -> r.failedChecks().isEmpty());
    }

    private BenchCluster open(String name, Path dir) {
        BenchCluster cluster = BenchCluster.open(name, dir, settings.realkubeKubeconfig());
        if (cluster == null) {
            log.println("realkube skipped: no kubeconfig");
        }
        return cluster;
    }
}
