package io.kustos.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kustos.source.DemoExample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 18's CLI start: the example repos ({@code config-repo-example}, as {@code kustos demo} uses them: 2 environments,
 * 7 objects and 2 Deployments each), served by the benchmark's git server and in sync in fresh namespaces; then, each
 * {@code runs} times, a no-op {@code kustos apply}, {@code kustos diff} and {@code kustos validate} as the launcher runs
 * them, and, beside them, {@code kubectl apply --server-side} of the same objects (exactly the bodies Kustos sends, its
 * no-op too). Wall and CPU time (user + system) of each process, and the requests the server answered.
 */
final class CliStartScenario {
    static final String SCENARIO = "CLI start (example repo, no-op)";
    static final List<String> KUSTOS_COMMANDS = List.of("apply", "diff", "validate");

    private final BenchWorkspace ws;
    private final BenchCluster cluster;
    private final Results results;

    CliStartScenario(BenchWorkspace ws, BenchCluster cluster, Results results) {
        this.ws = ws;
        this.cluster = cluster;
        this.results = results;
    }

    void run(int runs) {
        String prefix = ws.id + "-cli";
        Path example = ws.dir.resolve("example");
        Path kustosYaml = prepare(prefix, example);
        byte[] manifests = RenderedManifests.yaml(kustosYaml, cluster.kubeconfig()); // before the first apply: the bodies it sends
        results.add(cluster.name(), SCENARIO, "objects (kubectl's documents)", "objects", RenderedManifests.documents(manifests));
        // the first apply writes the launcher's class-data cache; on Java 25 in the background unless told to wait: the runs measured use it
        ProcessRun.run(withEnv("KUSTOS_CDS_WAIT=1", kustosCommand("apply", kustosYaml)), null, example).requireSuccess("the first kustos apply of the example");
        // and on Java 25 the first validate its own (the launcher: "validate maps a cache of its own")
        ProcessRun.run(withEnv("KUSTOS_CDS_WAIT=1", kustosCommand("validate", kustosYaml)), null, example).requireSuccess("the first kustos validate of the example");
        for (int r = 0; r < runs; r++) {
            for (String command : KUSTOS_COMMANDS) {
                ServerCounts before = cluster.counts();
                var result = kustos(command, kustosYaml, example).requireSuccess("kustos " + command + " (no-op) of the example");
                record("kustos " + command, result, cluster.counts().minus(before));
            }
        }
        for (int r = 0; r < runs; r++) {
            ServerCounts before = cluster.counts();
            var result = ProcessRun.run(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString(), "apply", "--server-side",
                    "--force-conflicts", "--validate=false", "--field-manager=kustos-bench-kubectl", "-f", "-"), manifests, ws.dir)
                    .requireSuccess("kubectl apply --server-side of the example's objects");
            record("kubectl apply --server-side", result, cluster.counts().minus(before));
        }
    }

    static String wall(String tool) {
        return tool + " wall";
    }

    static String cpu(String tool) {
        return tool + " CPU (user + system)";
    }

    private ProcessRun.Result kustos(String command, Path kustosYaml, Path example) {
        return ProcessRun.run(kustosCommand(command, kustosYaml), null, example);
    }

    private List<String> kustosCommand(String command, Path kustosYaml) {
        Path example = kustosYaml.getParent();
        List<String> args = command.equals("validate")
                ? List.of("validate", "--config", kustosYaml.toString(), example.resolve("config").toString(), example.resolve("releases").toString())
                : List.of(command, "--config", kustosYaml.toString(), "--kubeconfig", cluster.kubeconfig().toString());
        return KustosLauncher.command(args.toArray(String[]::new));
    }

    private static List<String> withEnv(String variable, List<String> command) {
        var cmd = new ArrayList<String>(List.of("env", variable));
        cmd.addAll(command);
        return cmd;
    }

    private void record(String tool, ProcessRun.Result r, ServerCounts used) {
        results.add(cluster.name(), SCENARIO, wall(tool), "s", r.wallSeconds());
        if (r.cpuSeconds() != null) {
            results.add(cluster.name(), SCENARIO, cpu(tool), "s", r.cpuSeconds());
        }
        results.add(cluster.name(), SCENARIO, tool + " requests at server", "req", used.total());
    }

    /** The example copied, its two repos served, the Deployments made (no replicas), a kustos.yaml for the namespaces of {@code prefix}. */
    private Path prepare(String prefix, Path example) {
        try {
            DemoExample.copyTo(example);
            Path repos = ws.dir.resolve("repos");
            var config = serve(BenchRepo.create(repos, "example-config"), example.resolve("config"));
            var releases = serve(BenchRepo.create(repos, "example-releases"), example.resolve("releases"));
            Path key = example.resolve("keys/demo-age.key");
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            var yaml = new StringBuilder();
            yaml.append("sources:\n  config:   { url: ").append(ws.git.url(config)).append(", branch: main }\n");
            yaml.append("  releases: { url: ").append(ws.git.url(releases)).append(", branch: main }\n");
            yaml.append("decryption: { ageKeyFile: ").append(key).append(" }\ntargets:\n");
            yaml.append("  - { environment: staging, namespace: ").append(BenchWorkspace.namespace(prefix, "staging")).append(" }\n");
            yaml.append("  - { environment: production, namespace: ").append(BenchWorkspace.namespace(prefix, "production"))
                    .append(", after: [staging] }\n");
            yaml.append("sync: { interval: 30s, prune: true, selfHeal: true, rollbackOnFailure: true, rolloutTimeout: 2m }\n");
            yaml.append("history: { limit: 20 }\ncacheDir: ").append(ws.dir.resolve("cache-" + prefix)).append('\n');
            for (String env : List.of("staging", "production")) {
                String ns = BenchWorkspace.namespace(prefix, env);
                cluster.createNamespace(ns);
                cluster.createDeployments(deployments(example.resolve("workloads/" + env + ".yaml"), ns));
            }
            return Files.writeString(example.resolve("kustos-bench.yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the example repos under " + example, e);
        }
    }

    private String serve(BenchRepo repo, Path tree) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (var walk = Files.walk(tree)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(tree.relativize(p).toString(), Files.readString(p));
            }
        }
        repo.commit("the example", files);
        return repo.name();
    }

    /** The example's Deployments for one environment, moved to namespace {@code ns}, with no replicas (the real API server runs no pods). */
    private List<Deployment> deployments(Path file, String ns) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return cluster.admin().load(in).items().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                    .peek(d -> {
                        d.getMetadata().setNamespace(ns);
                        d.getSpec().setReplicas(0);
                    }).toList();
        }
    }
}
