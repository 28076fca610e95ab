package io.kustos.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/helm/kustos rendered by Helm itself ({@link HelmRender}: {@code helm template}, {@code helm lint}
 * through helm-java), with the default values and with three sharded replicas: the manifests parse, the
 * kustos.yaml in the ConfigMap loads with what the values say, the Lease Role has the verbs Kustos sends,
 * the PodDisruptionBudget comes with more than one replica. (HelmChartIT compares it with deploy/ and
 * dry-runs it on the clusters.)
 */
class HelmChartTest {
    private static final Path CHART = HelmRender.CHART;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VALUE = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)");
    /** What {@link io.kustos.runtime.shard.Shards} and ReconcileRequests send (deploy/sharding/rbac.yaml says why each). */
    static final List<String> SHARDING_VERBS = List.of("get", "list", "create", "update", "patch", "delete");
    /** What fabric8's LeaderElector sends. */
    static final List<String> LEADER_ELECTION_VERBS = List.of("get", "create", "update");

    @Test
    void helmLintFindsNothingWrong() {
        var lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), lint.getMessages().toString());
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]")), lint.getMessages().toString());
    }

    /**
     * Every {@code .Values.x.y} a template uses exists in values.yaml, also in the branches the renders below
     * do not take (a missing one renders as empty, silently).
     */
    @Test
    void everyValueATemplateUsesExists() throws Exception {
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        var missing = new TreeSet<String>();
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path t : templates.toList()) {
                Matcher m = VALUE.matcher(Files.readString(t));
                while (m.find()) {
                    JsonNode node = values;
                    for (String part : m.group(1).substring(1).split("\\.")) {
                        node = node == null ? null : node.get(part);
                    }
                    if (node == null) {
                        missing.add(t.getFileName() + ": .Values" + m.group(1));
                    }
                }
            }
        }
        assertEquals(new TreeSet<String>(), missing);
    }

    /** By default: one replica with leader election, its Role in the release's namespace, no budget, no sharding Role. */
    @Test
    void theDefaultValuesRenderOneLeaderElectedReplica() {
        var rendered = HelmRender.defaults().objects();
        Deployment d = rendered.get(Deployment.class, "kustos");
        assertEquals(1, d.getSpec().getReplicas());
        Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertPodNameFromTheDownwardApi(container);
        assertEquals("kustos", d.getSpec().getTemplate().getSpec().getServiceAccountName());

        KustosConfig config = kustosYaml(rendered);
        assertTrue(config.leaderElection().enabled());
        assertFalse(config.sharding().enabled());
        assertEquals(config.server().port(), container.getPorts().get(0).getContainerPort());

        Role role = rendered.get(Role.class, "kustos-leader-election");
        assertEquals("kustos-system", role.getMetadata().getNamespace());
        assertLeaseRule(role, LEADER_ELECTION_VERBS);
        assertBoundToTheServiceAccount(rendered.get(RoleBinding.class, "kustos-leader-election"), "kustos-leader-election");
        assertTrue(rendered.find(Role.class, "kustos-sharding").isEmpty(), rendered.names().toString());
        // one replica: a budget of maxUnavailable 1 would change nothing, one of minAvailable 1 would block every drain
        assertTrue(rendered.all(PodDisruptionBudget.class).isEmpty(), rendered.names().toString());
        assertEquals(List.of("production", "staging"), rendered.all(RoleBinding.class).stream().filter(b -> b.getRoleRef().getKind().equals("ClusterRole"))
                .map(b -> b.getMetadata().getNamespace()).sorted().toList());
    }

    /**
     * {@code --set replicas=3 sharding.enabled=true leaderElection.enabled=false} and the sharding fields: three
     * replicas named by the downward API, kustos.yaml with exactly those fields, the sharding Role (the verbs
     * Kustos sends) in the sharding namespace bound to the release's ServiceAccount, no leader election Role,
     * and a budget of one unavailable pod over the Deployment's pods.
     */
    @Test
    void theShardingValuesRenderThreeReplicasShardingTheLeaseRoleAndABudget() {
        var rendered = HelmRender.sharded().set("sharding.namespace", "kustos-leases").set("sharding.leaseDuration", "30s")
                .set("sharding.renewDeadline", "20s").set("sharding.retryPeriod", "4s").objects();
        Deployment d = rendered.get(Deployment.class, "kustos");
        assertEquals(3, d.getSpec().getReplicas());
        assertPodNameFromTheDownwardApi(d.getSpec().getTemplate().getSpec().getContainers().get(0));

        KustosConfig config = kustosYaml(rendered);
        assertFalse(config.leaderElection().enabled());
        var sharding = config.sharding();
        assertTrue(sharding.enabled());
        assertEquals("kustos-leases", sharding.namespace());
        assertEquals(Duration.ofSeconds(30), sharding.leaseDuration());
        assertEquals(Duration.ofSeconds(20), sharding.renewDeadline());
        assertEquals(Duration.ofSeconds(4), sharding.retryPeriod());

        Role role = rendered.get(Role.class, "kustos-sharding");
        assertEquals("kustos-leases", role.getMetadata().getNamespace());
        assertLeaseRule(role, SHARDING_VERBS);
        RoleBinding binding = rendered.get(RoleBinding.class, "kustos-sharding");
        assertEquals("kustos-leases", binding.getMetadata().getNamespace());
        assertBoundToTheServiceAccount(binding, "kustos-sharding");
        assertTrue(rendered.find(Role.class, "kustos-leader-election").isEmpty(), "sharding needs no leader election Role: " + rendered.names());

        PodDisruptionBudget pdb = rendered.get(PodDisruptionBudget.class, "kustos");
        assertEquals("kustos-system", pdb.getMetadata().getNamespace());
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertNull(pdb.getSpec().getMinAvailable());
        assertEquals(d.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels());
        assertTrue(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    }

    /**
     * Kubernetes 1.20 (the real API server the ITs use) serves PodDisruptionBudgets only as policy/v1beta1:
     * rendered for it (as {@code helm install} renders for the cluster it talks to), the budget is one of those.
     */
    @Test
    void theBudgetIsPolicyV1beta1BeforeKubernetes121() {
        assertEquals("policy/v1", HelmRender.sharded().kubeVersion("v1.21.0").objects().get(PodDisruptionBudget.class, "kustos").getApiVersion());
        var old = HelmRender.sharded().kubeVersion("v1.20.2").objects()
                .get(io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class, "kustos");
        assertEquals("policy/v1beta1", old.getApiVersion());
        assertEquals(1, old.getSpec().getMaxUnavailable().getIntVal());
    }

    /** Without sharding.namespace its Leases, and the Role for them, are in the release's namespace, where the pods run. */
    @Test
    void theShardingLeasesDefaultToTheReleasesNamespace() {
        var rendered = HelmRender.of("kt", "ops").sharding().objects();
        assertNull(kustosYaml(rendered).sharding().namespace());
        assertEquals("ops", rendered.get(Role.class, "kt-sharding").getMetadata().getNamespace());
        assertEquals("ops", rendered.get(PodDisruptionBudget.class, "kt").getMetadata().getNamespace());
    }

    /** Both coordination modes, or either written into config: helm refuses with the chart's message. */
    @Test
    void theChartRefusesBothModesAndModesWrittenIntoConfig() {
        var both = assertThrows(IllegalStateException.class, () -> HelmRender.defaults().set("sharding.enabled", true).yaml());
        assertTrue(both.getMessage().contains("sharding.enabled and leaderElection.enabled: choose one"), both.getMessage());
        String config = HelmRender.defaults().objects().get(ConfigMap.class, "kustos-config").getData().get("kustos.yaml");
        var inConfig = assertThrows(IllegalStateException.class, () -> HelmRender.defaults().set("config", config).yaml());
        assertTrue(inConfig.getMessage().contains("config: remove leaderElection and sharding"), inConfig.getMessage());
    }

    /**
     * By default the chart renders no Secret at all and mounts the operator's {@code kustos-keys}; only files
     * given at install make one, {@code <release>-keys}, kept on uninstall.
     */
    @Test
    void theChartShipsNoPlaceholderSecretAndNeverTouchesAnExistingOne() {
        var byDefault = HelmRender.defaults().objects();
        assertTrue(byDefault.all(Secret.class).isEmpty(), byDefault.names().toString());
        assertEquals("kustos-keys", keysVolume(byDefault));

        var withFiles = HelmRender.defaults().set("keys.files.webhook-secret", "s3cr3t").objects();
        Secret secret = withFiles.get(Secret.class, "kustos-keys");
        assertEquals("keep", secret.getMetadata().getAnnotations().get("helm.sh/resource-policy"));
        assertEquals("s3cr3t", new String(Base64.getDecoder().decode(secret.getData().get("webhook-secret")), StandardCharsets.UTF_8));
        assertEquals("kustos-keys", keysVolume(withFiles));
        assertEquals("kt-keys", keysVolume(HelmRender.of("kt", "ops").set("keys.files.age\\.key", "x").objects()));
    }

    private static String keysVolume(HelmRender.Rendered rendered) {
        return rendered.get(Deployment.class, rendered.all(Deployment.class).get(0).getMetadata().getName()).getSpec().getTemplate().getSpec()
                .getVolumes().stream().filter(v -> v.getName().equals("keys")).findFirst().orElseThrow().getSecret().getSecretName();
    }

    private static KustosConfig kustosYaml(HelmRender.Rendered rendered) {
        ConfigMap cm = rendered.all(ConfigMap.class).get(0);
        return ConfigLoader.parse(cm.getData().get("kustos.yaml"), Path.of("/etc/kustos/config"), "the chart's ConfigMap", Map.of());
    }

    static void assertLeaseRule(Role role, List<String> verbs) {
        assertEquals(1, role.getRules().size(), role.getRules().toString());
        var rule = role.getRules().get(0);
        assertEquals(List.of("coordination.k8s.io"), rule.getApiGroups());
        assertEquals(List.of("leases"), rule.getResources());
        assertEquals(verbs, rule.getVerbs());
    }

    private static void assertBoundToTheServiceAccount(RoleBinding binding, String role) {
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(role, binding.getRoleRef().getName());
        assertEquals(List.of("ServiceAccount kustos-system/kustos"), binding.getSubjects().stream()
                .map(s -> s.getKind() + " " + s.getNamespace() + "/" + s.getName()).toList());
    }

    private static void assertPodNameFromTheDownwardApi(Container container) {
        var podName = container.getEnv().stream().filter(e -> e.getName().equals("POD_NAME")).findFirst()
                .orElseThrow(() -> new AssertionError("no POD_NAME, the replica's identity: " + container.getEnv()));
        assertEquals("metadata.name", podName.getValueFrom().getFieldRef().getFieldPath());
    }
}
