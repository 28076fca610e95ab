package io.kustos.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kustos.cluster.embedded.Kubectl;
import io.kustos.testsupport.TestCluster;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Helm chart, rendered by Helm ({@link HelmRender}), against deploy/: the same objects, RBAC rules and
 * budget as {@code kubectl kustomize deploy/} (one replica) and deploy/ with the Component deploy/sharding;
 * and its manifests pass a server-side dry run ({@code kubectl apply --dry-run=server}) on the embedded
 * cluster and the real API server, with the default values and with three sharded replicas.
 */
class HelmChartIT {
    private static final Path DEPLOY = Path.of("deploy");

    /**
     * Released as {@code kustos} in {@code kustos-system}, the chart makes the objects deploy/ makes, by kind,
     * namespace and name, but the Namespace ({@code helm install -n kustos-system --create-namespace} makes it);
     * the ClusterRole and the Lease Role grant the same rules, every RoleBinding binds the same; sharded, the budget is the same but for its
     * selector, which also names the release ({@code app.kubernetes.io/instance}, as the Deployment's own does:
     * two releases in a namespace do not count each other's pods).
     */
    @Test
    void theChartMakesWhatTheKustomizationsMakeWithTheSameRbacAndBudget(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        var plain = new HelmRender.Rendered(DeployManifestsIT.kustomize(DEPLOY));
        var chart = HelmRender.defaults().objects();
        assertSameObjectsAndRules(plain, chart, "kustos-leader-election");

        var plainSharded = new HelmRender.Rendered(DeployManifestsIT.shardedObjects(tmp));
        var chartSharded = HelmRender.sharded().objects();
        assertSameObjectsAndRules(plainSharded, chartSharded, "kustos-sharding");
        PodDisruptionBudget plainPdb = plainSharded.get(PodDisruptionBudget.class, "kustos");
        PodDisruptionBudget chartPdb = chartSharded.get(PodDisruptionBudget.class, "kustos");
        assertEquals(plainPdb.getSpec().getMaxUnavailable(), chartPdb.getSpec().getMaxUnavailable());
        assertEquals(plainPdb.getSpec().getMinAvailable(), chartPdb.getSpec().getMinAvailable());
        assertEquals(Map.of("app.kubernetes.io/name", "kustos"), plainPdb.getSpec().getSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "kustos", "app.kubernetes.io/instance", "kustos"), chartPdb.getSpec().getSelector().getMatchLabels());
        for (var rendered : List.of(plainSharded, chartSharded)) {
            assertEquals(rendered.get(Deployment.class, "kustos").getSpec().getSelector().getMatchLabels(),
                    rendered.get(PodDisruptionBudget.class, "kustos").getSpec().getSelector().getMatchLabels());
        }
    }

    private static void assertSameObjectsAndRules(HelmRender.Rendered plain, HelmRender.Rendered chart, String leaseRole) {
        assertEquals(names(plain).stream().filter(n -> !n.startsWith("Namespace ")).collect(Collectors.toCollection(TreeSet::new)), names(chart));
        assertEquals(plain.get(ClusterRole.class, "kustos").getRules(), chart.get(ClusterRole.class, "kustos").getRules());
        assertEquals(plain.get(Role.class, leaseRole).getRules(), chart.get(Role.class, leaseRole).getRules());
        for (RoleBinding binding : chart.all(RoleBinding.class)) {
            RoleBinding same = plain.all(RoleBinding.class).stream().filter(b -> b.getMetadata().getName().equals(binding.getMetadata().getName())
                    && b.getMetadata().getNamespace().equals(binding.getMetadata().getNamespace())).findFirst().orElseThrow();
            assertEquals(same.getRoleRef(), binding.getRoleRef(), binding.getMetadata().toString());
            assertEquals(same.getSubjects(), binding.getSubjects(), binding.getMetadata().toString());
        }
    }

    private static Set<String> names(HelmRender.Rendered rendered) {
        return rendered.all().stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * {@code helm template} for the cluster's version (as {@code helm install} renders for it), then
     * {@code kubectl apply --dry-run=server}: the API server validates and admits every object, creating none.
     * The embedded cluster serves no {@code policy} group (docs/embedded-cluster.md): there the budget is left
     * out; the real API server (v1.20) takes it as {@code policy/v1beta1}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void theRenderedChartPassesAServerSideDryRun(String clusterName, @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        try (TestCluster cluster = TestClusters.open(clusterName, tmp)) {
            String ns = "kt-helm-" + Long.toHexString(System.nanoTime());
            for (String n : List.of(ns, ns + "-a", ns + "-b", ns + "-leases")) {
                cluster.createNamespace(n);
            }
            String version = cluster.client().getKubernetesVersion().getGitVersion();
            var kubectl = new Kubectl(cluster.kubeconfig());
            dryRun(cluster, kubectl, HelmRender.of(ns, ns).kubeVersion(version), ns);
            var sharded = dryRun(cluster, kubectl, HelmRender.of(ns, ns).sharding().set("sharding.namespace", ns + "-leases").kubeVersion(version), ns);
            assertEquals(clusterName.equals("realkube"), sharded.stream().anyMatch(o -> o.getKind().equals("PodDisruptionBudget")), sharded.toString());
        }
    }

    private static List<HasMetadata> dryRun(TestCluster cluster, Kubectl kubectl, HelmRender render, String ns) {
        String yaml = render.set("targetNamespaces[0]", ns + "-a").set("targetNamespaces[1]", ns + "-b").yaml();
        if (cluster.name().equals("embedded")) {
            yaml = Arrays.stream(yaml.split("(?m)^---$")).filter(doc -> !doc.contains("\nkind: PodDisruptionBudget\n")).collect(Collectors.joining("---"));
        }
        List<HasMetadata> objects = HelmRender.parse(yaml);
        String out = kubectl.runWithInput(yaml, "apply", "--dry-run=server", "-f", "-").ok().out();
        for (HasMetadata o : objects) {
            var line = Pattern.compile("(?m)^" + o.getKind().toLowerCase(Locale.ROOT) + "(\\.[a-z0-9.]+)?/" + Pattern.quote(o.getMetadata().getName())
                    + " created \\(server dry run\\)$");
            assertTrue(line.matcher(out).find(), o.getKind() + " " + o.getMetadata().getName() + ":\n" + out);
        }
        assertEquals(objects.size(), out.lines().filter(l -> l.endsWith("(server dry run)")).count(), out);
        assertNull(cluster.client().apps().deployments().inNamespace(ns).withName(ns).get(), "a dry run creates nothing");
        return objects;
    }
}
