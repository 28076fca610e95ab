package io.kustos.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.testsupport.FakeKubelet;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.RealKubeUsers;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Kustos runs as a user bound only to the rules shipped in deploy/rbac.yaml: it does its job in
 * the namespaces it is bound in, and the real API server refuses anything more. RBAC is real only
 * on the real API server (the embedded cluster does not enforce it).
 */
class LeastPrivilegeIT {

    @Test
    void theShippedRulesAreEnoughForTheJobAndNothingMore(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.realkube(), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/app/secrets.yaml", secret("app-secrets", "TOKEN", "t-" + System.nanoTime())));
             var kubelet = FakeKubelet.start(h.cluster(), h.namespace())) {
            Path kubeconfig = RealKubeUsers.kubeconfig("kustos", h.cluster().kubeconfig(), tmp);
            KubernetesClient admin = h.cluster().client();
            bindShippedRole(admin, h.namespace());
            String other = h.namespace() + "-other";
            h.cluster().createNamespace(other);

            var first = h.kustosWith(kubeconfig, "apply");
            assertEquals(0, first.exit(), first.toString());
            // with a pre-deploy hook: its Job is created, read, recorded on the workload and deleted
            h.releases().commit("app 1.1.0", Map.of("environments/staging/release.yaml", KustosHarness.release(
                    Map.of("app", "registry.example.com/app:1.1.0"), "hooks:\n  preDeploy:\n    - { name: migrate, workload: app, command: [migrate] }\n")));
            var bump = h.kustosWith(kubeconfig, "apply");
            assertEquals(0, bump.exit(), bump.toString());
            assertTrue(bump.out().contains("= hook migrate: succeeded"), bump.toString());
            assertTrue(admin.batch().v1().jobs().inNamespace(h.namespace()).list().getItems().isEmpty(), "the hook's Job is deleted");
            assertEquals("registry.example.com/app:1.1.0", admin.apps().deployments().inNamespace(h.namespace()).withName("app").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals(0, h.kustosWith(kubeconfig, "apply").writes(), "re-apply as kustos writes nothing");

            // a namespace the target allows but RBAC does not: refused by the server, nothing written
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml())
                    .replace("namespace: " + h.namespace() + " }", "namespace: " + h.namespace() + ", allowedNamespaces: [" + other + "] }"));
            h.config().commit("write elsewhere", Map.of(
                    "environments/staging/app/config.yaml", configMap("app-config", "A", "2"),
                    "environments/staging/app/elsewhere.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: " + other + "}\ndata: {A: x}\n"));
            var refused = h.kustosWith(kubeconfig, "apply");
            assertEquals(4, refused.exit(), refused.toString());
            assertTrue(refused.all().contains("cannot list configmaps in namespace " + other + ": configmaps is forbidden: User \"kustos\""),
                    refused.toString());
            assertEquals("1", admin.configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"),
                    "nothing of the refused revision may be written");

            try (KubernetesClient asKustos = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString())).build()) {
                assertForbidden(() -> asKustos.configMaps().inNamespace(other).withName("app-config").delete());
                assertForbidden(() -> asKustos.secrets().inNamespace("kube-system").list());
                assertForbidden(() -> asKustos.configMaps().inNamespace(other).list());
                assertForbidden(() -> asKustos.configMaps().inNamespace(other).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata().withName("elsewhere").endMetadata().addToData("A", "x").build())
                        .fieldManager("kustos").serverSideApply());
                assertForbidden(() -> asKustos.apps().deployments().inNamespace(h.namespace()).withName("app").delete());
                assertForbidden(() -> asKustos.namespaces().list());
            }
        }
    }

    private static void assertForbidden(Runnable call) {
        var e = assertThrows(KubernetesClientException.class, call::run);
        assertEquals(403, e.getCode(), e.getMessage());
    }

    private static void bindShippedRole(KubernetesClient admin, String namespace) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("deploy/rbac.yaml"))) {
            for (HasMetadata o : admin.load(in).items()) {
                if (o instanceof ClusterRole role) {
                    admin.rbac().clusterRoles().resource(role).forceConflicts().serverSideApply();
                }
            }
        }
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("kustos").withNamespace(namespace).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("kustos").endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("kustos").endSubject()
                .build()).create();
    }
}
