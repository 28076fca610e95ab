package io.kustos.testsupport;

import io.kustos.bench.GitHttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A config repo and a release repo on a loopback git server with Basic authentication, a fresh
 * namespace on a test cluster with one Deployment ({@code app}), and a kustos.yaml tying them
 * together as environment {@code staging}. Run kustos with {@link #kustos(String...)}.
 */
public final class KustosHarness implements AutoCloseable {
    public static final String USER = "kustos-bot";
    /** The pre-deploy hook {@code db-migrate} of workload {@code app} ({@code rake db:migrate}), for {@link #release(Map, String)}. */
    public static final String HOOK = """
            hooks:
              preDeploy:
                - name: db-migrate
                  workload: app
                  command: [rake, db:migrate]
                  timeout: 2m
            """;

    private final TestCluster cluster;
    private final GitHttpServer git;
    private final TestRepo config;
    private final TestRepo releases;
    private final Path kustosYaml;
    private final String namespace;

    private KustosHarness(TestCluster cluster, GitHttpServer git, TestRepo config, TestRepo releases, Path kustosYaml, String namespace) {
        this.cluster = cluster;
        this.git = git;
        this.config = config;
        this.releases = releases;
        this.kustosYaml = kustosYaml;
        this.namespace = namespace;
    }

    public static String configMap(String name, String... keyValues) {
        var sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n");
        for (int i = 0; i < keyValues.length; i += 2) {
            sb.append("  ").append(keyValues[i]).append(": \"").append(keyValues[i + 1]).append("\"\n");
        }
        return sb.toString();
    }

    public static String secret(String name, String... keyValues) {
        var sb = new StringBuilder("apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\ntype: Opaque\nstringData:\n");
        for (int i = 0; i < keyValues.length; i += 2) {
            sb.append("  ").append(keyValues[i]).append(": \"").append(keyValues[i + 1]).append("\"\n");
        }
        return sb.toString();
    }

    public static String release(String image) {
        return """
                apiVersion: kustos.io/v1
                kind: Release
                environment: staging
                workloads:
                  - name: app
                    containers:
                      app: %s
                """.formatted(image);
    }

    /** Staging's app config, the one file of the config repo {@link #withAppConfig} starts with. */
    public static final String STAGING_APP_CONFIG = "environments/staging/app/config.yaml";

    /**
     * Starts everything on the test cluster {@code clusterName} ({@link TestClusters#open}) with one file in the config
     * repo, {@link #STAGING_APP_CONFIG}: ConfigMap app-config, A=1.
     */
    public static KustosHarness withAppConfig(Path tmp, String clusterName) {
        return start(tmp, TestClusters.open(clusterName, tmp), Map.of(STAGING_APP_CONFIG, configMap("app-config", "A", "1")));
    }

    /** Starts everything with these files in the config repo and image {@code app:1.0.0} released. */
    public static KustosHarness start(Path tmp, TestCluster cluster, Map<String, String> configFiles) {
        try {
            String password = HexFormat.of().formatHex(randomBytes());
            Path repos = tmp.resolve("repos");
            Files.createDirectories(repos);
            var git = GitHttpServer.startWithBasicAuth(repos, USER, password);
            var config = TestRepos.create(repos, "config", configFiles);
            var releases = TestRepos.create(repos, "releases",
                    Map.of("environments/staging/release.yaml", release("registry.example.com/app:1.0.0")));
            String namespace = "kt-" + HexFormat.of().formatHex(randomBytes()).substring(0, 10);
            cluster.createNamespace(namespace);
            cluster.client().apps().deployments().inNamespace(namespace).resource(deployment(namespace)).create();
            Path passwordFile = tmp.resolve("git-password");
            Files.writeString(passwordFile, password + "\n");
            Path yaml = tmp.resolve("kustos.yaml");
            Files.writeString(yaml, """
                    sources:
                      config:   { url: "%s", branch: main, auth: { username: %s, passwordFile: git-password } }
                      releases: { url: "%s", branch: main, auth: { username: %s, passwordFile: git-password } }
                    targets:
                      - { environment: staging, namespace: %s }
                    cacheDir: cache
                    """.formatted(git.url("config.git"), USER, git.url("releases.git"), USER, namespace));
            return new KustosHarness(cluster, git, config, releases, yaml, namespace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /**
     * Creates a Deployment {@code name} with one container of the same name at {@code image},
     * using the given ConfigMaps through envFrom.
     */
    public void addDeployment(String name, String image, int replicas, int progressDeadlineSeconds, String... configMaps) {
        cluster.client().apps().deployments().inNamespace(namespace)
                .resource(deployment(namespace, name, image, replicas, progressDeadlineSeconds, configMaps)).create();
    }

    /** The Deployment {@link #addDeployment} creates, in {@code namespace}. */
    static Deployment deployment(String namespace, String name, String image, int replicas, int progressDeadlineSeconds, String... configMaps) {
        var b = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(progressDeadlineSeconds)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image);
        for (String cm : configMaps) {
            b = b.addNewEnvFrom().withNewConfigMapRef().withName(cm).endConfigMapRef().endEnvFrom();
        }
        return b.endContainer().endSpec().endTemplate().endSpec().build();
    }

    /** A release manifest for environment staging: workload name to image (one container named like it), then extra YAML. */
    public static String release(java.util.Map<String, String> images, String hooksYaml) {
        var sb = new StringBuilder("apiVersion: kustos.io/v1\nkind: Release\nenvironment: staging\nworkloads:\n");
        new java.util.TreeMap<>(images).forEach((name, image) -> sb.append("  - name: ").append(name)
                .append("\n    containers:\n      ").append(name).append(": ").append(image).append("\n"));
        return sb.append(hooksYaml).toString();
    }

    /** The pod template of Deployment {@code name}, as JSON, to compare before and after. */
    public String template(String name) {
        var d = cluster.client().apps().deployments().inNamespace(namespace).withName(name).get();
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(d.getSpec().getTemplate());
    }

    private static Deployment deployment(String namespace) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("app").withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(0)
                .withNewSelector().addToMatchLabels("app", "app").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "app").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/app:1.0.0")
                .addNewEnvFrom().withNewConfigMapRef().withName("app-config").endConfigMapRef().endEnvFrom()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    /** Runs {@code kustos COMMAND --config <kustos.yaml> --kubeconfig <cluster>} plus {@code more}. */
    public KustosRun kustos(String command, String... more) {
        return kustosWith(cluster.kubeconfig(), command, more);
    }

    /** Like {@link #kustos} with another kubeconfig (another user). */
    public KustosRun kustosWith(Path kubeconfig, String command, String... more) {
        var args = new java.util.ArrayList<String>();
        args.add(command);
        args.add("--config");
        args.add(kustosYaml.toString());
        args.add("--kubeconfig");
        args.add(kubeconfig.toString());
        args.addAll(java.util.List.of(more));
        return KustosRun.of(args.toArray(String[]::new));
    }

    public TestCluster cluster() {
        return cluster;
    }

    public TestRepo config() {
        return config;
    }

    public TestRepo releases() {
        return releases;
    }

    public String namespace() {
        return namespace;
    }

    public Path kustosYaml() {
        return kustosYaml;
    }

    public GitHttpServer git() {
        return git;
    }

    /**
     * A copy of kustos.yaml beside it ({@code kustos-<cacheDir>.yaml}) with {@code cacheDir: <cacheDir>}: another writer's
     * own clones, as on another machine.
     */
    public Path kustosYamlWithCache(String cacheDir) throws IOException {
        Path copy = kustosYaml.resolveSibling("kustos-" + cacheDir + ".yaml");
        String yaml = Files.readString(kustosYaml);
        if (!yaml.contains("cacheDir: cache\n")) {
            throw new IllegalStateException("no cacheDir: cache in kustos.yaml:\n" + yaml);
        }
        Files.writeString(copy, yaml.replace("cacheDir: cache\n", "cacheDir: " + cacheDir + "\n"));
        return copy;
    }

    @Override
    public void close() {
        config.close();
        releases.close();
        git.close();
        try {
            cluster.client().namespaces().withName(namespace).delete();
        } catch (RuntimeException ignored) {
            // the embedded cluster is thrown away anyway; a real one cleans up the namespace later
        }
        cluster.close();
    }
}
