package io.kustos.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.config.Sharding;
import io.kustos.runtime.shard.ReconcileRequests;
import io.kustos.runtime.shard.Shards;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/ as operators install it: {@code kubectl apply -k deploy/} against the embedded cluster
 * creates every object of every manifest, and the pieces agree with each other (the ConfigMap's
 * kustos.yaml loads, the probes and port match it, the Lease rule is a Role in Kustos's namespace);
 * and it ships no Secret, so applying it again keeps the operator's own {@code kustos-keys}. The
 * Component deploy/sharding makes it several sharded replicas, and its Role is what they need.
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
            assertPodNameFromTheDownwardApi(container);

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

    /**
     * deploy/sharding, the Component for several replicas: three of them, kustos.yaml with sharding and
     * without leaderElection, the sharding Role (the verbs {@link io.kustos.runtime.shard.Shards} sends) in
     * place of the leader election one, and a PodDisruptionBudget over the pods.
     */
    @Test
    void theShardingComponentRendersReplicasShardingTheLeaseRoleAndABudget(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        List<HasMetadata> objects = shardedObjects(tmp);
        Deployment d = find(objects, Deployment.class, "kustos");
        assertEquals(3, d.getSpec().getReplicas());
        assertPodNameFromTheDownwardApi(d.getSpec().getTemplate().getSpec().getContainers().get(0));

        KustosConfig config = ConfigLoader.parse(find(objects, ConfigMap.class, "kustos-config").getData().get("kustos.yaml"), tmp,
                "deploy/sharding/config.yaml", Map.of());
        assertTrue(config.sharding().enabled());
        assertFalse(config.leaderElection().enabled());

        Role role = find(objects, Role.class, "kustos-sharding");
        assertEquals("kustos-system", role.getMetadata().getNamespace());
        assertEquals(1, role.getRules().size());
        assertEquals(List.of("coordination.k8s.io"), role.getRules().get(0).getApiGroups());
        assertEquals(List.of("leases"), role.getRules().get(0).getResources());
        assertEquals(SHARDING_VERBS, role.getRules().get(0).getVerbs());
        RoleBinding binding = find(objects, RoleBinding.class, "kustos-sharding");
        assertEquals("kustos-sharding", binding.getRoleRef().getName());
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(List.of("kustos-system/kustos"), binding.getSubjects().stream()
                .map(s -> s.getKind().equals("ServiceAccount") ? s.getNamespace() + "/" + s.getName() : s.toString()).toList());
        assertTrue(objects.stream().noneMatch(o -> o.getMetadata().getName().equals("kustos-leader-election")),
                "sharding needs no leader election Role");

        PodDisruptionBudget pdb = find(objects, PodDisruptionBudget.class, "kustos");
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertEquals(d.getSpec().getTemplate().getMetadata().getLabels(), pdb.getSpec().getSelector().getMatchLabels());
    }

    /**
     * deploy/sharding/rbac.yaml bound to a ServiceAccount: a sharded replica running as it (impersonated) joins,
     * takes every environment's Lease, records a reconcile request twice (create, then annotate) and leaves
     * (deletes its member Lease); on the real API server (RBAC enforced) it may not watch Leases, touch
     * another namespace's, or anything else.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theShardingRoleLetsAReplicaDoItsJobAndNothingMore(String clusterName, @TempDir Path tmp) throws Exception {
        try (TestCluster cluster = TestClusters.open(clusterName, tmp)) {
            KubernetesClient admin = cluster.client();
            String ns = "kt-shard-rbac-" + Long.toHexString(System.nanoTime());
            String other = ns + "-other";
            cluster.createNamespace(ns);
            cluster.createNamespace(other);
            admin.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName("kustos").endMetadata().build())
                    .create();
            try (InputStream in = Files.newInputStream(DEPLOY.resolve("sharding/rbac.yaml"))) {
                for (HasMetadata o : admin.load(in).items()) {
                    o.getMetadata().setNamespace(ns);
                    if (o instanceof RoleBinding b) {
                        b.getSubjects().forEach(s -> s.setNamespace(ns));
                    }
                    admin.resource(o).create();
                }
            }
            String serviceAccount = "system:serviceaccount:" + ns + ":kustos";
            Config asReplica = Config.fromKubeconfig(null, Files.readString(cluster.kubeconfig()), cluster.kubeconfig().toString());
            asReplica.setImpersonateUsername(serviceAccount);
            asReplica.setImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
            List<String> environments = List.of("staging", "production", "qa");
            try (KubernetesClient replica = new KubernetesClientBuilder().withConfig(asReplica).build()) {
                var sharding = new Sharding(true, ns, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
                var shards = new Shards(replica, sharding, ns, "kustos-0", environments, Clock.systemUTC());
                try (shards) {
                    shards.start(() -> { });
                    await("the replica to take every environment as " + serviceAccount).atMost(Duration.ofSeconds(30))
                            .until(() -> shards.owned().containsAll(environments));
                    var requests = new ReconcileRequests(replica, ns, "kustos-0", Clock.systemUTC());
                    requests.request();
                    requests.request();
                }
                assertNull(admin.leases().inNamespace(ns).withName("kustos-member-kustos-0").get(), "leaving deletes the member Lease");
                assertEquals("kustos-0", admin.leases().inNamespace(ns).withName(ReconcileRequests.LEASE).get().getMetadata().getAnnotations()
                        .get(ReconcileRequests.REQUESTED_BY));
                if (clusterName.equals("realkube")) {
                    assertForbidden(() -> replica.leases().inNamespace(other).list());
                    assertForbidden(() -> replica.leases().inNamespace(other).withName("kustos-env-staging").get());
                    assertForbidden(() -> replica.configMaps().inNamespace(ns).list());
                    assertForbidden(() -> replica.secrets().inNamespace(ns).list());
                    var kubectl = new Kubectl(cluster.kubeconfig());
                    for (String verb : SHARDING_VERBS) {
                        assertEquals("yes", canI(kubectl, serviceAccount, verb, "leases.coordination.k8s.io", ns), verb);
                        assertEquals("no", canI(kubectl, serviceAccount, verb, "leases.coordination.k8s.io", other), verb + " in " + other);
                    }
                    for (String verb : List.of("watch", "deletecollection")) {
                        assertEquals("no", canI(kubectl, serviceAccount, verb, "leases.coordination.k8s.io", ns), verb);
                    }
                }
            }
        }
    }

    private static final List<String> SHARDING_VERBS = HelmChartTest.SHARDING_VERBS;

    private static String canI(Kubectl kubectl, String user, String verb, String resource, String namespace) {
        // exit 0 for yes, 1 for no: read the answer, not the exit code
        return kubectl.run("auth", "can-i", "--as", user, verb, resource, "-n", namespace).out().strip();
    }

    private static void assertForbidden(Runnable call) {
        var e = assertThrows(KubernetesClientException.class, call::run);
        assertEquals(403, e.getCode(), e.getMessage());
    }

    private static void assertPodNameFromTheDownwardApi(io.fabric8.kubernetes.api.model.Container container) {
        var podName = container.getEnv().stream().filter(e -> e.getName().equals("POD_NAME")).findFirst()
                .orElseThrow(() -> new AssertionError("no POD_NAME, the replica's identity: " + container.getEnv()));
        assertEquals("metadata.name", podName.getValueFrom().getFieldRef().getFieldPath());
    }

    /** deploy/ with the Component deploy/sharding, as an operator's own kustomization renders it. */
    static List<HasMetadata> shardedObjects(Path tmp) throws Exception {
        Path overlay = Files.createDirectories(tmp.resolve("overlay"));
        Path deploy = overlay.toAbsolutePath().relativize(DEPLOY.toAbsolutePath());
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources: [" + deploy + "]\ncomponents: [" + deploy.resolve("sharding") + "]\n");
        return kustomize(overlay);
    }

    /** {@code kubectl kustomize dir}, parsed. */
    static List<HasMetadata> kustomize(Path dir) throws Exception {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String rendered = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), rendered);
        try (var client = new KubernetesClientBuilder().build()) {
            return client.load(new java.io.ByteArrayInputStream(rendered.getBytes(java.nio.charset.StandardCharsets.UTF_8))).items();
        }
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
