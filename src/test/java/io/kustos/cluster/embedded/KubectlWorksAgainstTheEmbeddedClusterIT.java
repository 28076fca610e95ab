package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real kubectl (on PATH) against the embedded cluster. */
class KubectlWorksAgainstTheEmbeddedClusterIT {

    @TempDir
    static Path dir;
    static EmbeddedCluster cluster;
    static KubernetesClient client;
    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        cluster = TestClusters.start();
        client = cluster.client();
        Path kubeconfig = dir.resolve("kubeconfig.yaml");
        cluster.writeKubeconfig(kubeconfig);
        kubectl = new Kubectl(kubeconfig);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void getNamespacesAndConfigMapsInAllNamespacesAsYaml() {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("seeded").endMetadata().withData(Map.of("k", "v")).build()).create();

        assertTrue(kubectl.run("get", "ns").ok().out().contains("kube-system"));
        String yaml = kubectl.run("get", "cm", "-A", "-o", "yaml").ok().out();
        assertTrue(yaml.contains("name: seeded"), yaml);
        assertTrue(yaml.contains("namespace: kube-system"), yaml);
    }

    @Test
    void createConfigMapIsStoredWithKubectlCreateAsManager() {
        kubectl.run("create", "configmap", "from-kubectl", "--from-literal=foo=bar").ok();
        ConfigMap cm = client.configMaps().withName("from-kubectl").get();
        assertEquals("bar", cm.getData().get("foo"));
        assertEquals("kubectl-create", cm.getMetadata().getManagedFields().get(0).getManager());
    }

    @Test
    void createDeploymentThenGetJsonAndWaitForTheRollout() {
        kubectl.run("create", "deployment", "web", "--image=nginx:1.19", "--replicas=2").ok();
        JsonNode d = Json.parse(kubectl.run("get", "deploy", "web", "-o", "json").ok().out());
        assertEquals("nginx:1.19", d.path("spec").path("template").path("spec").path("containers").get(0)
                .path("image").asText());
        assertEquals(2, d.path("spec").path("replicas").asInt());

        kubectl.run("rollout", "status", "deploy/web", "--timeout=30s").ok();
        assertEquals(2, client.apps().deployments().withName("web").get().getStatus().getAvailableReplicas());
        String table = kubectl.run("get", "deploy", "web").ok().out();
        assertTrue(table.startsWith("NAME") && table.contains("READY") && table.contains("2/2"), table);
    }

    @Test
    void serverSideApplyConflictsWithKubectlCreateUntilForced() {
        kubectl.run("create", "configmap", "contested", "--from-literal=foo=bar").ok();
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: contested\ndata:\n  foo: mine\n";

        Kubectl.Result conflict = kubectl.runWithInput(manifest, "apply", "--server-side", "-f", "-");
        assertNotEquals(0, conflict.exitCode());
        assertTrue(conflict.err().contains("conflict with \"kubectl-create\""), conflict.err());

        kubectl.runWithInput(manifest, "apply", "--server-side", "--force-conflicts", "-f", "-").ok();
        assertEquals("mine", client.configMaps().withName("contested").get().getData().get("foo"));
    }

    @Test
    void patchSetImageAndScaleChangeTheDeployment() {
        kubectl.run("create", "deployment", "patched", "--image=app:1").ok();
        kubectl.run("set", "image", "deploy/patched", "app=app:2").ok();
        kubectl.run("patch", "deploy", "patched", "-p",
                "{\"metadata\":{\"annotations\":{\"team\":\"a\"}}}").ok();
        kubectl.run("scale", "deploy/patched", "--replicas=3").ok();

        Deployment d = client.apps().deployments().withName("patched").get();
        assertEquals("app:2", d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("a", d.getMetadata().getAnnotations().get("team"));
        assertEquals(3, d.getSpec().getReplicas());
    }

    @Test
    void serverDryRunStoresNothing() {
        kubectl.run("create", "configmap", "dry", "--from-literal=a=b", "--dry-run=server").ok();
        assertNull(client.configMaps().withName("dry").get());
    }

    @Test
    void anInvalidNameIsReportedAsTheRealServerWould() {
        Kubectl.Result r = kubectl.run("create", "configmap", "Bad_Name", "--from-literal=a=b");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value"), r.err());
    }

    /** As from the real server: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; and --sort-by works on the events' fields. */
    @Test
    void eventsShowTheRealServersColumnsAndSortByTheirFields() {
        String ns = "events-table";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        var now = java.time.Instant.now();
        for (var e : Map.of("a-newer", now.minusSeconds(10), "b-older", now.minusSeconds(60)).entrySet()) {
            client.v1().events().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.EventBuilder().withNewMetadata().withName(e.getKey()).endMetadata()
                    .withType("Normal").withReason("Applied").withMessage("message of " + e.getKey())
                    .withNewInvolvedObject().withKind("ConfigMap").withName("kustos-history").withNamespace(ns).endInvolvedObject()
                    .withLastTimestamp(e.getValue().toString()).withFirstTimestamp(e.getValue().toString()).build()).create();
        }

        String table = kubectl.run("get", "events", "-n", ns).ok().out();
        assertTrue(table.lines().findFirst().orElse("").matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\\s*"), table);
        assertTrue(table.contains("Normal") && table.contains("configmap/kustos-history") && table.contains("message of a-newer"), table);

        String sorted = kubectl.run("get", "events", "-n", ns, "--sort-by=.lastTimestamp").ok().out();
        assertTrue(sorted.indexOf("message of b-older") > 0 && sorted.indexOf("message of b-older") < sorted.indexOf("message of a-newer"),
                "the older first:\n" + sorted);
    }

    @Test
    void deleteRemovesTheObject() {
        kubectl.run("create", "configmap", "doomed", "--from-literal=a=b").ok();
        kubectl.run("delete", "configmap", "doomed").ok();
        assertNull(client.configMaps().withName("doomed").get());
    }
}
