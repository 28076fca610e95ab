package io.kustos.bench;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.decrypt.sops.CreationRule;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsEncryptor;
import io.kustos.decrypt.sops.SopsFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the benchmark's config repo (a ConfigMap and a SOPS Secret, encrypted for a generated
 * age key, per service and environment), its release repo (one image per Deployment), and the
 * Deployments that use them. Every value is generated for the run.
 */
public final class SyntheticRepos {
    /** The key the one-key-changed scenario and the webhook scenario change. */
    public static final String CHANGED_KEY = "REQUEST_TIMEOUT";

    private final BenchShape shape;
    private final X25519Identity identity;
    private final SecureRandom random;
    private final SopsEncryptor encryptor = new SopsEncryptor(KeyRing.of(List.of(), List.of(), null));
    private CreationRule rule;

    public SyntheticRepos(BenchShape shape, X25519Identity identity, SecureRandom random) {
        this.shape = shape;
        this.identity = identity;
        this.random = random;
    }

    /** Every file of the config repo's first commit. */
    public Map<String, String> configFiles() {
        var files = new LinkedHashMap<String, String>();
        for (String env : shape.environmentNames()) {
            for (int s = 0; s < shape.servicesPerEnvironment(); s++) {
                files.put(dir(env, BenchShape.service(s)) + "config.yaml", configMap(env, BenchShape.service(s), "30s"));
                files.putAll(secretFile(env, s));
            }
        }
        return files;
    }

    /** The SOPS Secret file of {@code service} in {@code env}, with values generated afresh and encrypted for the run's key. */
    public Map<String, String> secretFile(String env, int service) {
        if (rule == null) {
            rule = rule();
        }
        String svc = BenchShape.service(service);
        String path = dir(env, svc) + "secrets.yaml";
        byte[] sealed = encryptor.encrypt(path, TypicalSecret.yaml(svc + "-secrets", random), SopsFormat.YAML, rule);
        return Map.of(path, new String(sealed, StandardCharsets.UTF_8));
    }

    /** The config file of {@code service} in {@code env} with {@link #CHANGED_KEY} set to {@code timeout}. */
    public Map<String, String> changedConfig(String env, int service, String timeout) {
        String svc = BenchShape.service(service);
        return Map.of(dir(env, svc) + "config.yaml", configMap(env, svc, timeout));
    }

    public Map<String, String> releaseFiles() {
        var files = new LinkedHashMap<String, String>();
        for (String env : shape.environmentNames()) {
            files.putAll(release(env, w -> "1.0.0"));
        }
        return files;
    }

    /** The release file of {@code env}, Deployment {@code app-i} at image version {@code version.apply(i)}. */
    public Map<String, String> release(String env, java.util.function.IntFunction<String> version) {
        var sb = new StringBuilder("apiVersion: kustos.io/v1\nkind: Release\nenvironment: " + env + "\nworkloads:\n");
        for (int w = 0; w < shape.workloadsPerEnvironment(); w++) {
            String app = BenchShape.workload(w);
            sb.append("  - name: ").append(app).append("\n    containers:\n      app: ").append(image(app, version.apply(w))).append('\n');
        }
        return Map.of(releasePath(env), sb.toString());
    }

    public static String releasePath(String env) {
        return "environments/" + env + "/release.yaml";
    }

    /** The Deployments of one environment, in {@code namespace}: created before the first apply, as in a real cluster. */
    public List<Deployment> deployments(String namespace) {
        var out = new ArrayList<Deployment>();
        for (int w = 0; w < shape.workloadsPerEnvironment(); w++) {
            String app = BenchShape.workload(w);
            out.add(new DeploymentBuilder()
                    .withNewMetadata().withName(app).withNamespace(namespace).addToLabels("app", app).endMetadata()
                    .withNewSpec().withReplicas(0)
                    .withNewSelector().addToMatchLabels("app", app).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", app).endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage(image(app, "0.9.0"))
                    .withEnvFrom(configMap(BenchShape.service(w)), secret(BenchShape.service(w)),
                            configMap(BenchShape.service(shape.sharedService(w))))
                    .endContainer().endSpec().endTemplate().endSpec().build());
        }
        return out;
    }

    /** The age key file content the config repo is encrypted for. A generated throwaway key. */
    public String identityFile() {
        return identity.encodeSecret() + "\n";
    }

    private static EnvFromSource configMap(String svc) {
        return new EnvFromSourceBuilder().withNewConfigMapRef().withName(svc + "-config").endConfigMapRef().build();
    }

    private static EnvFromSource secret(String svc) {
        return new EnvFromSourceBuilder().withNewSecretRef().withName(svc + "-secrets").endSecretRef().build();
    }

    private static String image(String app, String version) {
        return "registry.example.com/bench/" + app + ":" + version;
    }

    private static String dir(String env, String svc) {
        return "environments/" + env + "/" + svc + "/";
    }

    private static String configMap(String env, String svc, String timeout) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + svc + "-config\n  labels:\n    app.kubernetes.io/name: " + svc
                + "\ndata:\n  LOG_LEVEL: info\n  LOG_FORMAT: json\n  WORKER_CONCURRENCY: \"4\"\n  QUEUE_NAME: " + svc + "-" + env
                + "\n  REDIS_URL: redis://redis." + env + ".svc:6379/0\n  FEATURE_FLAGS: new-checkout,search-v2\n  "
                + CHANGED_KEY + ": " + timeout + "\n  app.toml: |\n    [server]\n    port = 8080\n    read_timeout = \"" + timeout
                + "\"\n\n    [queue]\n    name = \"" + svc + "-" + env + "\"\n    batch_size = 50\n    max_retries = 3\n";
    }

    private CreationRule rule() {
        try {
            Path dir = Files.createTempDirectory("kustos-bench-rules");
            try {
                Path rules = dir.resolve(".sops.yaml");
                Files.writeString(rules, "creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n    age: " + identity.recipient() + "\n");
                return CreationRules.load(rules).forFile(dir.resolve("secrets.yaml")).orElseThrow();
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
