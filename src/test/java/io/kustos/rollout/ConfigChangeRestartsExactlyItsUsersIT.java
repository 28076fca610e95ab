package io.kustos.rollout;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Five Deployments, two of them using ConfigMap {@code shared}: changing one of its keys restarts
 * exactly those two; changing a ConfigMap no one uses restarts none; reverting the commit gives
 * back the exact previous pod templates.
 */
class ConfigChangeRestartsExactlyItsUsersIT {
    private static final List<String> NAMES = List.of("d1", "d2", "d3", "d4", "d5");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void onlyTheWorkloadsUsingAChangedConfigMapRestart(String clusterName, @TempDir Path tmp) {
        var files = Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/common/shared.yaml", configMap("shared", "K", "1", "L", "x"),
                "environments/staging/common/own.yaml", configMap("own", "K", "1"),
                "environments/staging/common/unused.yaml", configMap("unused", "K", "1"));
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files)) {
            h.addDeployment("d1", "r.example.com/d1:1.0.0", 0, 600, "shared");
            h.addDeployment("d2", "r.example.com/d2:1.0.0", 0, 600, "shared", "own");
            h.addDeployment("d3", "r.example.com/d3:1.0.0", 0, 600, "own");
            h.addDeployment("d4", "r.example.com/d4:1.0.0", 0, 600);
            h.addDeployment("d5", "r.example.com/d5:1.0.0", 0, 600);
            var images = new HashMap<String, String>(Map.of("app", "registry.example.com/app:1.0.0"));
            NAMES.forEach(n -> images.put(n, "r.example.com/" + n + ":1.0.0"));
            h.releases().commit("all workloads", Map.of("environments/staging/release.yaml", KustosHarness.release(images, "")));
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());

            Map<String, String> before = templates(h);
            var change = h.kustos("apply");
            assertEquals(0, change.writes(), "re-applying restarts nothing:\n" + change);

            String sha = h.config().commit("shared K=2", Map.of("environments/staging/common/shared.yaml", configMap("shared", "K", "2", "L", "x")));
            var changed = h.kustos("apply");
            assertEquals(0, changed.exit(), changed.toString());
            assertTrue(changed.out().contains("~ deployment/" + h.namespace() + "/d1: config changed (rolling restart)"), changed.toString());
            Map<String, String> after = templates(h);
            assertEquals(List.of("d1", "d2"), NAMES.stream().filter(n -> !before.get(n).equals(after.get(n))).toList());
            assertTrue(changed.out().contains("staging: applied 3 objects"), changed.toString());
            assertEquals(3, changed.writes(), "1 ConfigMap + 2 Deployments:\n" + changed);
            assertEquals(2, changed.records(), "1 Event + 1 history record:\n" + changed);
            var applied = h.cluster().client().v1().events().inNamespace(h.namespace()).list().getItems().stream()
                    .filter(e -> e.getReason().equals("Applied") && e.getMessage().contains(sha)).toList();
            assertEquals(1, applied.size(), applied.toString());
            assertEquals("kustos-history", applied.get(0).getInvolvedObject().getName());
            assertTrue(applied.get(0).getMessage().endsWith(": ConfigMap/shared (keys: K changed), Deployment/d1 restarted, Deployment/d2 restarted"),
                    applied.get(0).getMessage());

            h.config().commit("unused K=2", Map.of("environments/staging/common/unused.yaml", configMap("unused", "K", "2")));
            var unused = h.kustos("apply");
            assertEquals(0, unused.exit(), unused.toString());
            assertEquals(after, templates(h), "a ConfigMap no one uses restarts nothing");
            assertTrue(unused.out().contains("staging: applied 1 object"), unused.toString());
            assertEquals(1, unused.writes(), "1 ConfigMap:\n" + unused);

            h.config().commit("Revert \"shared K=2\"\n\nThis reverts commit " + sha + ".",
                    Map.of("environments/staging/common/shared.yaml", configMap("shared", "K", "1", "L", "x")));
            assertEquals(0, h.kustos("apply").exit());
            Map<String, String> reverted = templates(h);
            NAMES.forEach(n -> assertEquals(before.get(n), reverted.get(n), n + ": the revert must give back the exact pod template"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void statefulSetsAndDaemonSetsRestartOnTheirConfigToo(String clusterName, @TempDir Path tmp) {
        var files = Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1"),
                "environments/staging/common/shared.yaml", configMap("shared", "K", "1"));
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), files)) {
            var client = h.cluster().client();
            var template = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "db").endMetadata()
                    .withNewSpec().addNewContainer().withName("db").withImage("r.example.com/db:1.0.0")
                    .addNewEnvFrom().withNewConfigMapRef().withName("shared").endConfigMapRef().endEnvFrom().endContainer().endSpec().build();
            client.apps().statefulSets().inNamespace(h.namespace()).resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                    .withNewMetadata().withName("db").withNamespace(h.namespace()).endMetadata()
                    .withNewSpec().withReplicas(0).withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
                    .withTemplate(template).endSpec().build()).create();
            var agentTemplate = new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder(template).editMetadata().addToLabels("app", "agent").endMetadata()
                    .editSpec().editFirstContainer().withName("agent").withImage("r.example.com/agent:1.0.0").endContainer().endSpec().build();
            client.apps().daemonSets().inNamespace(h.namespace()).resource(new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                    .withNewMetadata().withName("agent").withNamespace(h.namespace()).endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector().withTemplate(agentTemplate).endSpec().build()).create();
            h.releases().commit("db and agent", Map.of("environments/staging/release.yaml", """
                    apiVersion: kustos.io/v1
                    kind: Release
                    environment: staging
                    workloads:
                      - name: app
                        containers: {app: registry.example.com/app:1.0.0}
                      - name: db
                        kind: StatefulSet
                        containers: {db: r.example.com/db:1.0.0}
                      - name: agent
                        kind: DaemonSet
                        containers: {agent: r.example.com/agent:1.0.0}
                    """));
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());
            String db = hash(client.apps().statefulSets().inNamespace(h.namespace()).withName("db").get().getSpec().getTemplate());
            String agent = hash(client.apps().daemonSets().inNamespace(h.namespace()).withName("agent").get().getSpec().getTemplate());
            assertNotNull(db);
            assertEquals(db, agent, "same referenced content, same hash");

            h.config().commit("shared K=2", Map.of("environments/staging/common/shared.yaml", configMap("shared", "K", "2")));
            var second = h.kustos("apply");
            assertEquals(0, second.exit(), second.toString());
            assertTrue(second.out().contains("= statefulset/" + h.namespace() + "/db: rolled out"), second.toString());
            assertTrue(second.out().contains("= daemonset/" + h.namespace() + "/agent: rolled out"), second.toString());
            assertTrue(second.out().matches("(?s).*= took [0-9.]+ s to write 3 objects, then [0-9.]+ s waiting for 2 rollouts\n.*"),
                    "where the time went, on the last note:\n" + second);
            assertNotEquals(db, hash(client.apps().statefulSets().inNamespace(h.namespace()).withName("db").get().getSpec().getTemplate()));
            assertNotEquals(agent, hash(client.apps().daemonSets().inNamespace(h.namespace()).withName("agent").get().getSpec().getTemplate()));
            assertFalse(second.out().contains("deployment/" + h.namespace() + "/app"), "app does not use shared:\n" + second);
        }
    }

    private static String hash(io.fabric8.kubernetes.api.model.PodTemplateSpec t) {
        return t.getMetadata().getAnnotations() == null ? null : t.getMetadata().getAnnotations().get("kustos.io/config-hash");
    }

    private static Map<String, String> templates(KustosHarness h) {
        var out = new HashMap<String, String>();
        NAMES.forEach(n -> out.put(n, h.template(n)));
        return out;
    }
}
