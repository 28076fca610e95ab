package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rolling back after a missed progress deadline: the Deployment statuses the real deployment
 * controller writes, one after the other. Its first sync after the rollback write may carry the new
 * observedGeneration and still the failed ReplicaSet's ProgressDeadlineExceeded (putting the old
 * ReplicaSet back is no "progress" to it); that is no failure of the rollback.
 */
class StaleProgressDeadlineTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /** The failed ReplicaSet (2.0.0-crashloop) and the good one (1.0.0), as the controller named them. */
    private static final Map<String, ReplicaSet> REPLICA_SETS = Map.of(
            "web-bad", replicaSet("web-bad", "2.0.0-crashloop"),
            "web-good", replicaSet("web-good", "1.0.0"));
    private static final Function<String, ReplicaSet> LOOKUP = REPLICA_SETS::get;

    private static ReplicaSet replicaSet(String name, String tag) {
        return JSON.unmarshal("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s","namespace":"staging"},
                 "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"web","pod-template-hash":"%s"}},
                   "spec":{"containers":[{"name":"web","image":"registry.example.com/web:%s"}]}}}}"""
                .formatted(name, name.substring(4), tag), ReplicaSet.class);
    }

    /** The Deployment at generation 3 (the rollback to 1.0.0 written), with the status the controller last wrote. */
    private static Deployment web(String tag, long observed, int replicas, int updated, int available, String reason, String message) {
        return JSON.unmarshal("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"staging","generation":3},
                 "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"registry.example.com/web:%s"}]}}},
                 "status":{"observedGeneration":%d,"replicas":%d,"updatedReplicas":%d,"availableReplicas":%d,
                   "conditions":[{"type":"Progressing","status":"%s","reason":"%s","message":"%s"}]}}"""
                .formatted(tag, observed, replicas, updated, available,
                        reason.equals("ProgressDeadlineExceeded") ? "False" : "True", reason, message.replace("\"", "\\\"")), Deployment.class);
    }

    private static RolloutProgress.State state(Deployment d) {
        return RolloutProgress.of(d, LOOKUP).state();
    }

    @Test
    void theRollbackIsSeenThroughDespiteTheFailedReplicaSetsCondition() {
        String timedOut = "ReplicaSet \"web-bad\" has timed out progressing.";
        // the controller has not seen the rollback yet
        assertEquals(RolloutProgress.State.PROGRESSING, state(web("1.0.0", 2, 2, 1, 1, "ProgressDeadlineExceeded", timedOut)));
        // it has, scaled the failed ReplicaSet down, and kept its condition: the good ReplicaSet is the updated one now
        var first = RolloutProgress.of(web("1.0.0", 3, 2, 1, 1, "ProgressDeadlineExceeded", timedOut), LOOKUP);
        assertEquals(RolloutProgress.State.PROGRESSING, first.state(), first.message());
        assertEquals("1 old replicas pending termination", first.message());
        // the failed pod is gone
        assertEquals(RolloutProgress.State.DONE, state(web("1.0.0", 3, 1, 1, 1, "NewReplicaSetAvailable",
                "ReplicaSet \"web-good\" has successfully progressed.")));
    }

    @Test
    void aTimeoutOfTheCurrentTemplateFails() {
        var bad = RolloutProgress.of(web("2.0.0-crashloop", 3, 2, 1, 1, "ProgressDeadlineExceeded",
                "ReplicaSet \"web-bad\" has timed out progressing."), LOOKUP);
        assertEquals(RolloutProgress.State.FAILED, bad.state());
        assertEquals("ProgressDeadlineExceeded: ReplicaSet \"web-bad\" has timed out progressing.", bad.message());
        assertEquals(RolloutProgress.State.FAILED, state(web("1.0.0", 3, 2, 1, 1, "ProgressDeadlineExceeded",
                "ReplicaSet \"web-good\" has timed out progressing.")), "the rollback itself timed out");
    }

    @Test
    void aConditionNamingAReplicaSetThatIsGoneIsLeftOver() {
        assertEquals(RolloutProgress.State.PROGRESSING, state(web("1.0.0", 3, 2, 1, 1, "ProgressDeadlineExceeded",
                "ReplicaSet \"web-deleted\" has timed out progressing.")));
    }

    @Test
    void aConditionNamingNoReplicaSetIsTakenAsItIs() {
        assertEquals(RolloutProgress.State.FAILED, state(web("1.0.0", 3, 2, 1, 1, "ProgressDeadlineExceeded",
                "Deployment \"web\" has timed out progressing.")));
    }
}
