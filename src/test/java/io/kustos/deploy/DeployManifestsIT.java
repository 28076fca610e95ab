package io.kustos.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.cluster.embedded.Kubectl;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.testsupport.TestCluster;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/ as operators install it: {@code kubectl apply -k deploy/} against the embedded cluster
 * creates every object of every manifest, and the pieces agree with each other (the ConfigMap's
 * kustos.yaml loads, the probes and port match it, the Lease rule is a Role in Kustos's namespace);
 * and it ships no Secret, so applying it again keeps the operator's own {@code kustos-keys}.
 */
class DeployManifestsIT {
    private static final Path DEPLOY = Path.of("deploy");

    @Test
    void everyManifestAppliesWithKubectlAndTheyAgree(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        List<Path> manifests;
        try (Stream<Path> files = Files.list(DEPLOY)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList();
        }
        String kustomization = Files.readString(DEPLOY.resolve("kustomization.yaml"));
        for (Path m : manifests) {
            assertTrue(kustomization.contains("- " + m.getFileName()), m + " is not in kustomization.yaml");
        }
        try (EmbeddedCluster cluster = EmbeddedCluster.start(0)) {
            Path kubeconfig = tmp.resolve("kubeconfig");
            cluster.writeKubeconfig(kubeconfig);
            cluster.createNamespace("staging");
            cluster.createNamespace("production");
            var kubectl = new Kubectl(kubeconfig);
            kubectl.run("apply", "-k", DEPLOY.toString()).ok();

            List<HasMetadata> objects = new ArrayList<>();
            for (Path m : manifests) {
                try (InputStream in = Files.newInputStream(m)) {
                    objects.addAll(cluster.client().load(in).items());
                }
            }
            assertTrue(objects.size() >= 10, objects.toString());
            for (HasMetadata o : objects) {
                String kind = o.getKind().toLowerCase(Locale.ROOT);
                var args = new ArrayList<>(List.of("get", kind + "." + group(o), o.getMetadata().getName(), "-o", "name"));
                if (o.getMetadata().getNamespace() != null) {
                    args.addAll(List.of("-n", o.getMetadata().getNamespace()));
                }
                var got = kubectl.run(args.toArray(String[]::new)).ok();
                assertTrue(got.out().contains(o.getMetadata().getName()), kind + " " + o.getMetadata().getName() + ": " + got);
            }

            ConfigMap cm = find(objects, ConfigMap.class, "kustos-config");
            KustosConfig config = ConfigLoader.parse(cm.getData().get("kustos.yaml"), tmp, "deploy/configmap.yaml", Map.of());
            assertTrue(config.leaderElection().enabled());
            Deployment d = find(objects, Deployment.class, "kustos");
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(config.server().port(), container.getPorts().get(0).getContainerPort());
            assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/readyz", container.getReadinessProbe().getHttpGet().getPath());
            assertTrue(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
            assertEquals("kustos", d.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertNotNull(container.getResources().getLimits().get("memory"));
            assertTrue(container.getVolumeMounts().stream().anyMatch(v -> v.getMountPath().equals("/etc/kustos/keys") && v.getReadOnly()));

            Role lease = find(objects, Role.class, "kustos-leader-election");
            assertEquals("kustos-system", lease.getMetadata().getNamespace());
            assertEquals(List.of("leases"), lease.getRules().get(0).getResources());
            assertEquals(1, lease.getRules().size());
        }
    }

    /** The operator creates kustos-keys first (README, "Installing"); applying deploy/, twice, leaves its data as it was. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void applyingDeployKeepsTheOperatorsKeys(String clusterName, @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        try (TestCluster cluster = TestClusters.open(clusterName, tmp)) {
            var k8s = cluster.client();
            for (String ns : List.of("kustos-system", "staging", "production")) {
                k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                        .createOr(NonDeletingOperation::update);
            }
            String own = "AGE-SECRET-KEY-1-OPERATORS-OWN-" + Long.toHexString(System.nanoTime());
            k8s.secrets().resource(new SecretBuilder().withNewMetadata().withName("kustos-keys").withNamespace("kustos-system").endMetadata()
                    .addToStringData("age.key", own).addToStringData("webhook-secret", "theirs").build()).createOr(NonDeletingOperation::update);
            Map<String, String> before = k8s.secrets().inNamespace("kustos-system").withName("kustos-keys").get().getData();
            assertTrue(before.containsKey("age.key"), before.keySet().toString());

            var kubectl = new Kubectl(cluster.kubeconfig());
            kubectl.run("apply", "-k", DEPLOY.toString()).ok();
            kubectl.run("apply", "-k", DEPLOY.toString()).ok();
            assertEquals(before, k8s.secrets().inNamespace("kustos-system").withName("kustos-keys").get().getData(),
                    "applying deploy/ changed the operator's kustos-keys Secret");
        }
    }

    @Test
    void theKustomizationShipsNoSecret() throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        Process p = new ProcessBuilder("kubectl", "kustomize", DEPLOY.toString()).redirectErrorStream(true).start();
        String rendered = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), rendered);
        assertTrue(rendered.contains("kind: Deployment"), rendered);
        assertFalse(rendered.lines().anyMatch(l -> l.strip().equals("kind: Secret")), "deploy/ renders a Secret:\n" + rendered);
        assertFalse(rendered.contains("REPLACE-ME"), rendered);
    }

    private static String group(HasMetadata o) {
        String apiVersion = o.getApiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }
}
