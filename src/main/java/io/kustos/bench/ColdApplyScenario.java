package io.kustos.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A cold apply of everything into fresh namespaces (the Deployments already there, as in a real
 * cluster), by {@code kustos apply} as its own process and, into other fresh namespaces, by
 * {@code kubectl apply --server-side --force-conflicts -f -} of the same rendered objects (Kustos, too,
 * takes workload images over from their creator; {@code --validate=false} because its client-side schema check
 * refuses a partial Deployment, which the server accepts; it also spares kubectl its OpenAPI download), which is then run again
 * (kubectl's no-op). Each is measured at the server.
 */
final class ColdApplyScenario {
    static final String SCENARIO = "cold apply";
    static final String KUBECTL_NOOP = "no-op apply (kubectl)";

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final Results results;

    ColdApplyScenario(BenchWorkspace ws, BenchCluster cluster, Results results) {
        this.ws = ws;
        this.cluster = cluster;
        this.results = results;
    }

    /** @return the namespaces' prefix, now in sync */
    /** Kustos's wall time less its rollout waits: the work kubectl does too (plus the dry runs). */
    static final String WALL_LESS_WAITS = "kustos wall less rollout waits";

    String kustos(int run) {
        String prefix = ws.id + "-kustos" + run;
        prepare(prefix);
        Path yaml = ws.kustosYaml(prefix, "10s", 0);
        ServerCounts before = cluster.counts();
        var r = ProcessRun.run(KustosLauncher.command("apply", "--config", yaml.toString(), "--kubeconfig", cluster.kubeconfig().toString()),
                null, ws.dir).requireSuccess("kustos apply");
        ServerCounts used = cluster.settledCounts().minus(before);
        ws.log("kustos-apply-" + prefix + ".log", r.stdout() + r.stderr());
        record("kustos", SCENARIO, r, used);
        results.add(cluster.name(), SCENARIO, "kustos requests per written object", "req/obj",
                (double) used.total() / ws.shape.writtenObjects());
        ClientCounts.parse(r.stdout()).ifPresent(c -> c.addTo(results, cluster.name(), SCENARIO));
        // the environments wait at once: their waits overlap, and only the longest is taken off the wall time
        RolloutWaits.longest(r.stdout()).ifPresent(waited -> {
            results.add(cluster.name(), SCENARIO, "of which waiting for rollouts (longest environment)", "s", waited);
            results.add(cluster.name(), SCENARIO, WALL_LESS_WAITS, "s", r.wallSeconds() - waited);
        });
        return prefix;
    }

    void kubectl(int run) {
        String prefix = ws.id + "-kubectl" + run;
        prepare(prefix);
        byte[] manifests = RenderedManifests.yaml(ws.kustosYaml(prefix, "10s", 0), cluster.kubeconfig());
        results.add(cluster.name(), SCENARIO, "kubectl objects", "objects", RenderedManifests.documents(manifests));
        for (String scenario : List.of(SCENARIO, KUBECTL_NOOP)) {
            ServerCounts before = cluster.counts();
            var r = ProcessRun.run(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "apply", "--server-side", "--force-conflicts", "--validate=false", "-f", "-"),
                    manifests, ws.dir).requireSuccess("kubectl apply --server-side");
            record("kubectl", scenario, r, cluster.counts().minus(before));
        }
        cluster.awaitControllerIdle(ws.namespaces(prefix));
    }

    private void prepare(String prefix) {
        for (String env : ws.shape.environmentNames()) {
            String ns = BenchWorkspace.namespace(prefix, env);
            cluster.createNamespace(ns);
            cluster.createDeployments(ws.synthetic.deployments(ns));
        }
    }

    private void record(String tool, String scenario, ProcessRun.Result r, ServerCounts used) {
        String c = cluster.name();
        results.add(c, scenario, tool + " wall", "s", r.wallSeconds());
        if (r.peakRssMiB() != null) {
            results.add(c, scenario, tool + " peak memory (RSS)", "MiB", r.peakRssMiB());
        }
        if (r.cpuSeconds() != null) {
            results.add(c, scenario, tool + " CPU (user + system)", "s", r.cpuSeconds());
        }
        results.add(c, scenario, tool + " requests", "req", used.total());
        results.add(c, scenario, tool + " reads", "req", used.reads());
        results.add(c, scenario, tool + " dry runs", "req", used.dryRuns());
        results.add(c, scenario, tool + " writes", "req", used.writes());
        results.add(c, scenario, tool + " events", "req", used.events());
    }
}
