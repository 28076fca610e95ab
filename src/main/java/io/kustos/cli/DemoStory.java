package io.kustos.cli;

import io.kustos.cluster.ClusterClients;
import io.kustos.source.DemoExample;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.decrypt.Decryptor;
import io.kustos.diff.DiffPrinter;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.RevisionReconciler;
import io.kustos.reconcile.SourcePoller;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.render.Renderer;
import io.kustos.source.GitWorkspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code kustos demo} shows: two git repos, an embedded cluster, a first sync, a config
 * change (a Secret shown only as fingerprints), a version bump, and a reconcile with nothing to do.
 */
final class DemoStory {
    private static final String AUTHOR = "Demo User";
    private static final String EMAIL = "demo@kustos.example";

    private final PrintStream out;
    private final Path work;
    private final EmbeddedCluster cluster;
    private int step;

    DemoStory(PrintStream out, Path work, EmbeddedCluster cluster) {
        this.out = out;
        this.work = work;
        this.cluster = cluster;
    }

    /** @return true when every step did what it should */
    boolean run() throws IOException {
        Path example = work.resolve("example");
        DemoExample.copyTo(example);
        try (var config = GitWorkspace.init(example.resolve("config"), "main");
             var releases = GitWorkspace.init(example.resolve("releases"), "main")) {
            config.commitAll("Initial configuration for staging and production", AUTHOR, EMAIL);
            releases.commitAll("Initial releases", AUTHOR, EMAIL);
            heading("Two git repos made from config-repo-example/");
            out.println("  config repo:   " + config.dir());
            out.println("  release repo:  " + releases.dir());

            Path kubeconfig = work.resolve("kubeconfig");
            cluster.writeKubeconfig(kubeconfig);
            seedWorkloads(example);
            heading("An embedded Kubernetes API server with the example Deployments");
            out.println("  " + cluster.url() + "   (kubeconfig: " + kubeconfig + ")");

            KustosConfig cfg = ConfigLoader.load(writeKustosYaml(config.dir(), releases.dir(), ageKey(example)));
            try (var clients = new ClusterClients(kubeconfig, null)) {
                var agent = new io.kustos.agent.Agent(cfg, clients);
                var sources = agent.sources();
                var reconciler = agent.reconciler();
                boolean ok = true;

                heading("First reconcile: kustos apply");
                ok &= apply(sources, reconciler, false);

                String cmBefore = read(config.dir().resolve("environments/staging/tungsten/config.yaml"));
                String cmAfter = cmBefore.replaceFirst("LOG_LEVEL: \\S+", "LOG_LEVEL: warn");
                config.writeFile("environments/staging/tungsten/config.yaml", cmAfter);
                Path secret = config.dir().resolve("environments/staging/tungsten/secrets.yaml");
                config.writeFile("environments/staging/tungsten/secrets.yaml", rotateToken(secret, ageKey(example)));
                String sha = config.commitAll("staging: quieter logging for tungsten, rotate its API token", AUTHOR, EMAIL);
                heading("A config change is committed (" + sha.substring(0, 7) + "): kustos diff, then kustos apply");
                out.println("  The Secret's new value is shown only as a fingerprint.");
                ok &= !cmBefore.equals(cmAfter) && apply(sources, reconciler, true);

                Path release = releases.dir().resolve("environments/staging/release.yaml");
                String before = read(release);
                String bumped = before.replace("tungsten:2.4.0", "tungsten:2.4.1");
                releases.writeFile("environments/staging/release.yaml", bumped);
                sha = releases.commitAll("staging: tungsten 2.4.1", AUTHOR, EMAIL);
                heading("A version bump is committed (" + sha.substring(0, 7) + "): kustos diff, then kustos apply");
                ok &= !before.equals(bumped) && apply(sources, reconciler, true);

                String good = read(release);
                String broken = good.replaceFirst("cobalt:(\\S+)", "cobalt:1.0.0-crashloop");
                releases.writeFile("environments/staging/release.yaml", broken);
                String bad = releases.commitAll("staging: cobalt 1.0.0", AUTHOR, EMAIL);
                heading("A bad version is committed (" + bad.substring(0, 7) + "): kustos diff, then kustos apply");
                out.println("  Its pods never become ready: the rollout misses its progress deadline, and Kustos rolls");
                out.println("  staging back to the last good revision by itself.");
                ok &= !good.equals(broken);
                ok &= !apply(sources, reconciler, true);

                heading("The failed revision is not retried until a new commit: kustos apply");
                ok &= !apply(sources, reconciler, false);

                releases.writeFile("environments/staging/release.yaml", good);
                String revert = releases.commitAll("Revert \"staging: cobalt 1.0.0\"\n\nThis reverts commit " + bad + ".", AUTHOR, EMAIL);
                heading("The bad commit is reverted in git (" + revert.substring(0, 7) + "): kustos apply");
                out.println("  The cluster already runs the last good revision, so there is nothing to write.");
                ok &= apply(sources, reconciler, false);

                heading("Nothing changed in git: kustos apply again");
                cluster.requests().reset();
                ok &= apply(sources, reconciler, false);
                out.println("  writes to the API server: " + cluster.requests().writes() + " (reads: " + cluster.requests().reads() + ")");
                ok &= cluster.requests().writes() == 0;
                return ok;
            }
        }
    }

    private boolean apply(SourcePoller sources, RevisionReconciler reconciler, boolean showDiff) {
        var polled = sources.poll();
        if (showDiff) {
            ReconcileReport diff = reconciler.reconcile(polled.config().snapshot(), polled.releases().snapshot(), false, false);
            out.println();
            out.println("$ kustos diff");
            for (TargetOutcome t : diff.targets()) {
                if (t instanceof TargetOutcome.Differs d) {
                    out.print(new DiffPrinter().unified(d.diff()));
                }
            }
        }
        ReconcileReport report = reconciler.reconcile(polled.config().snapshot(), polled.releases().snapshot(), true, false);
        out.println();
        out.println("$ kustos apply");
        new ReportPrinter(out, System.err).print(report);
        return !report.failed();
    }

    private void seedWorkloads(Path example) throws IOException {
        for (String env : new String[] {"staging", "production"}) {
            cluster.createNamespace(env);
            try (InputStream in = Files.newInputStream(example.resolve("workloads/" + env + ".yaml"))) {
                cluster.seed(cluster.client().load(in).items().toArray(new io.fabric8.kubernetes.api.model.HasMetadata[0]));
            }
        }
    }

    private Path writeKustosYaml(Path config, Path releases, Path ageKey) throws IOException {
        Path file = work.resolve("kustos.yaml");
        Files.writeString(file, """
                sources:
                  config:   { url: "%s", branch: main }
                  releases: { url: "%s", branch: main }
                decryption: { ageKeyFile: "%s" }
                targets:
                  - { environment: staging,    namespace: staging }
                  - { environment: production, namespace: production }
                sync: { interval: 30s, rolloutTimeout: 1m }
                """.formatted(config.toUri(), releases.toUri(), ageKey));
        return file;
    }

    private static Path ageKey(Path example) {
        return example.resolve("keys/demo-age.key");
    }

    /**
     * What a user does with `kustos decrypt`, an editor and `kustos encrypt`, in memory: a new
     * API_TOKEN, encrypted again by the repo's .sops.yaml. Neither value is ever printed.
     */
    private static String rotateToken(Path secretFile, Path ageKey) throws IOException {
        var keys = io.kustos.decrypt.KeyRing.of(java.util.List.of(ageKey), java.util.List.of(), null);
        String name = secretFile.toString();
        byte[] plain = new io.kustos.decrypt.sops.SopsDecryptor(keys).decrypt(name, Files.readAllBytes(secretFile));
        byte[] seed = new byte[12];
        new java.security.SecureRandom().nextBytes(seed);
        String fresh = java.util.HexFormat.of().formatHex(seed);
        String edited = new String(plain, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(API_TOKEN:\\s*)\\S.*", "$1\"" + fresh + "\"");
        var rules = io.kustos.decrypt.sops.CreationRules.load(io.kustos.decrypt.sops.CreationRules.find(secretFile).orElseThrow());
        var rule = rules.forFile(secretFile).orElseThrow();
        byte[] encrypted = new io.kustos.decrypt.sops.SopsEncryptor(keys).encrypt(name,
                edited.getBytes(java.nio.charset.StandardCharsets.UTF_8), io.kustos.decrypt.sops.SopsFormat.YAML, rule);
        return new String(encrypted, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    private void heading(String text) {
        step++;
        out.println();
        out.println(step + ". " + text);
    }
}
