package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentRolloutTest extends SharedEmbeddedCluster {


    static Deployment deployment(String name, int replicas, String image) {
        Deployment d = ResourceVersionAndGenerationTest.deployment(name, image);
        d.getSpec().setReplicas(replicas);
        return d;
    }

    static Optional<DeploymentCondition> condition(Deployment d, String type) {
        if (d == null || d.getStatus() == null || d.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return d.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    }

    static boolean rolledOut(String name) {
        Deployment d = client.apps().deployments().withName(name).get();
        return d.getStatus() != null
                && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                && d.getSpec().getReplicas().equals(d.getStatus().getUpdatedReplicas())
                && d.getSpec().getReplicas().equals(d.getStatus().getAvailableReplicas())
                && condition(d, "Progressing").map(c -> c.getReason().equals("NewReplicaSetAvailable")).orElse(false);
    }

    static List<ReplicaSet> replicaSets(String name) {
        return client.apps().replicaSets().withLabel("app", name).list().getItems();
    }

    @Test
    void aNewDeploymentConvergesWithOneReplicaSet() {
        client.apps().deployments().resource(deployment("converges", 3, "app:1")).create();
        TestClusters.await("rollout of converges", () -> rolledOut("converges"));

        Deployment d = client.apps().deployments().withName("converges").get();
        assertEquals(3, d.getStatus().getReadyReplicas());
        assertEquals("True", condition(d, "Available").orElseThrow().getStatus());
        assertEquals("1", d.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        List<ReplicaSet> sets = replicaSets("converges");
        assertEquals(1, sets.size());
        ReplicaSet rs = sets.get(0);
        assertTrue(rs.getMetadata().getName().startsWith("converges-"));
        assertEquals("Deployment", rs.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(d.getMetadata().getUid(), rs.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(3, rs.getSpec().getReplicas());
    }

    @Test
    void aNewImageScalesTheOldReplicaSetToZeroAndARevertReusesIt() {
        client.apps().deployments().resource(deployment("revert", 2, "app:1")).create();
        TestClusters.await("first rollout", () -> rolledOut("revert"));
        String first = replicaSets("revert").get(0).getMetadata().getName();

        setImage("revert", "app:2");
        TestClusters.await("second rollout", () -> rolledOut("revert") && replicaSets("revert").size() == 2);
        assertEquals(0, replicaSet(first).getSpec().getReplicas());

        setImage("revert", "app:1");
        TestClusters.await("revert", () -> rolledOut("revert") && replicaSet(first).getSpec().getReplicas() == 2);
        assertEquals(2, replicaSets("revert").size(), "no third ReplicaSet");
        assertEquals("3", replicaSet(first).getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    @Test
    void aCrashloopImageStallsAndReportsProgressDeadlineExceeded() {
        client.apps().deployments().resource(deployment("fails", 2, "app:1")).create();
        TestClusters.await("first rollout", () -> rolledOut("fails"));

        client.apps().deployments().withName("fails").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"progressDeadlineSeconds\":1,\"template\":{\"spec\":{\"containers\":"
                        + "[{\"name\":\"app\",\"image\":\"app:2-crashloop\"}]}}}}");
        TestClusters.await("deadline exceeded", () -> condition(client.apps().deployments().withName("fails").get(),
                "Progressing").map(c -> c.getReason().equals("ProgressDeadlineExceeded")).orElse(false));

        Deployment d = client.apps().deployments().withName("fails").get();
        assertEquals("False", condition(d, "Progressing").orElseThrow().getStatus());
        assertEquals(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration());
        assertEquals(2, d.getStatus().getUpdatedReplicas());
        assertEquals(2, d.getStatus().getAvailableReplicas(), "the old ReplicaSet still serves");
    }

    @Test
    void theSimulateFailAnnotationFailsARolloutToo() {
        Deployment failing = deployment("annotated", 1, "app:1");
        failing.getSpec().setProgressDeadlineSeconds(1);
        failing.getSpec().getTemplate().getMetadata().setAnnotations(java.util.Map.of("kustos.io/simulate", "fail"));
        client.apps().deployments().resource(failing).create();
        TestClusters.await("deadline exceeded", () -> condition(client.apps().deployments().withName("annotated")
                .get(), "Progressing").map(c -> c.getReason().equals("ProgressDeadlineExceeded")).orElse(false));
        assertEquals("False", condition(client.apps().deployments().withName("annotated").get(), "Available")
                .orElseThrow().getStatus());
    }

    /** A strategic merge patch, like kubectl set image (no resourceVersion to race the controller). */
    private static void setImage(String name, String image) {
        client.apps().deployments().withName(name).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image
                        + "\"}]}}}}");
    }

    private static ReplicaSet replicaSet(String name) {
        return client.apps().replicaSets().withName(name).get();
    }
}
