package io.kustos.live;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.RealKubeUsers;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A Kustos that may not create the Secret kustos-fingerprint-key writes nothing rather than an
 * unkeyed config hash over a Secret's values: the apply fails (forbidden, exit 4) naming the
 * namespace, the Secret and the permission. RBAC is real only on the real API server.
 */
class FingerprintKeyForbiddenIT {
    private static final String ROLE = "kustos-without-secret-create";

    @Test
    void withoutCreateOnSecretsTheApplyFailsAndWritesNothing(@TempDir Path tmp) throws Exception {
        String token = "t-" + System.nanoTime();
        try (var h = KustosHarness.start(tmp, TestClusters.realkube(), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/app/secrets.yaml", secret("app-secrets", "TOKEN", token)))) {
            KubernetesClient admin = h.cluster().client();
            // the controller-manager updates the new Deployment too: an edit can meet a 409; try again
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class).until(() -> {
                admin.apps().deployments().inNamespace(h.namespace()).withName("app").edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setEnvFrom(List.of(new io.fabric8.kubernetes.api.model.EnvFromSourceBuilder()
                            .withNewSecretRef().withName("app-secrets").endSecretRef().build()));
                    return d;
                });
                return true;
            });
            // the Secret exists already with git's value, so applying it needs only patch and conflicts with nobody:
            // without the check, the apply would go through and write an unkeyed config hash over TOKEN
            admin.secrets().inNamespace(h.namespace()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                    .withNewMetadata().withName("app-secrets").endMetadata().addToStringData("TOKEN", token).build()).create();
            bindShippedRoleWithoutSecretCreate(admin, h.namespace());
            Path kubeconfig = RealKubeUsers.kubeconfig("kustos", h.cluster().kubeconfig(), tmp);

            var refused = h.kustosWith(kubeconfig, "apply");
            assertEquals(4, refused.exit(), refused.toString());
            assertTrue(refused.all().contains("may not create Secret " + h.namespace() + "/kustos-fingerprint-key")
                    && refused.all().contains("`create` on secrets in namespace " + h.namespace()), refused.toString());
            assertNull(admin.secrets().inNamespace(h.namespace()).withName("kustos-fingerprint-key").get());
            assertNull(admin.configMaps().inNamespace(h.namespace()).withName("app-config").get(), "nothing written");
            var secretLabels = admin.secrets().inNamespace(h.namespace()).withName("app-secrets").get().getMetadata().getLabels();
            assertTrue(secretLabels == null || secretLabels.isEmpty(), "not applied by Kustos: " + secretLabels);
            var annotations = admin.apps().deployments().inNamespace(h.namespace()).withName("app").get()
                    .getSpec().getTemplate().getMetadata().getAnnotations();
            assertTrue(annotations == null || !annotations.containsKey("kustos.io/config-hash"), "no unkeyed config hash: " + annotations);
            var history = admin.configMaps().inNamespace(h.namespace()).withName("kustos-history").get();
            String recorded = history == null ? "" : history.getData().toString();
            assertFalse(recorded.contains("sha256:") || recorded.contains("\"Secret\"") || recorded.contains(token),
                    "no fingerprint of the Secret recorded: " + recorded);
        }
    }

    /** deploy/rbac.yaml's rules, but Secrets without create (patch of existing ones stays), bound in the namespace. */
    private static void bindShippedRoleWithoutSecretCreate(KubernetesClient admin, String namespace) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("deploy/rbac.yaml"))) {
            for (HasMetadata o : admin.load(in).items()) {
                if (o instanceof ClusterRole role && role.getMetadata().getName().equals("kustos")) {
                    var rules = new ArrayList<PolicyRule>();
                    for (PolicyRule r : role.getRules()) {
                        if (r.getResources().contains("secrets")) {
                            r = new PolicyRuleBuilder(r).withVerbs(r.getVerbs().stream().filter(v -> !v.equals("create")).toList()).build();
                        }
                        rules.add(r);
                    }
                    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(ROLE).endMetadata()
                            .withRules(rules).build()).forceConflicts().serverSideApply();
                }
            }
        }
        admin.rbac().roleBindings().inNamespace(namespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("kustos").withNamespace(namespace).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(ROLE).endRoleRef()
                .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("kustos").endSubject()
                .build()).create();
    }
}
