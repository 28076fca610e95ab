package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;

import java.util.Optional;

/**
 * Simulated StatefulSet and DaemonSet controllers: status only (no pods, no revisions objects).
 * A StatefulSet reports its replicas ready and updated; a DaemonSet behaves as if the cluster had
 * one node. A failing template (see {@link FailureKnobs}) reports nothing ready.
 */
final class WorkloadStatusController {

    private final LocalApi api;

    WorkloadStatusController(LocalApi api) {
        this.api = api;
    }

    void reconcile(ResourceType type, String namespace, String name) {
        Optional<ObjectNode> found = api.get(type, namespace, name);
        if (found.isEmpty()) {
            return;
        }
        ObjectNode object = found.get();
        JsonNode template = object.path("spec").path("template");
        boolean fails = FailureKnobs.rolloutFails(template);
        ObjectNode next = object.deepCopy();
        ObjectNode status = next.putObject("status");
        status.put("observedGeneration", object.path("metadata").path("generation").asLong(1));
        if (type.kind().equals("StatefulSet")) {
            statefulSet(object, status, fails);
        } else {
            daemonSet(status, fails);
        }
        api.updateStatus(type, next);
    }

    private static void statefulSet(ObjectNode sts, ObjectNode status, boolean fails) {
        int replicas = sts.path("spec").path("replicas").asInt(1);
        String revision = Json.text(sts, "metadata", "name") + "-" + PodTemplateHash.of(sts.path("spec").path("template"));
        String previous = sts.path("status").path("currentRevision").asText(revision);
        status.put("replicas", replicas);
        status.put("collisionCount", 0);
        status.put("updateRevision", revision);
        if (fails) {
            status.put("currentRevision", previous);
            status.put("currentReplicas", previous.equals(revision) ? 0 : replicas);
            return;
        }
        status.put("currentRevision", revision);
        status.put("currentReplicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
    }

    private static void daemonSet(ObjectNode status, boolean fails) {
        status.put("desiredNumberScheduled", 1);
        status.put("currentNumberScheduled", 1);
        status.put("numberMisscheduled", 0);
        status.put("updatedNumberScheduled", 1);
        status.put("numberReady", fails ? 0 : 1);
        if (fails) {
            status.put("numberUnavailable", 1);
        } else {
            status.put("numberAvailable", 1);
        }
    }
}
