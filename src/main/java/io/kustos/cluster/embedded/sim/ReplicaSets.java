package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;

/** Creating and scaling the ReplicaSets of a simulated Deployment, with their pods' readiness. */
final class ReplicaSets {

    private ReplicaSets() {
    }

    /** Makes sure the ReplicaSet for the current template exists with the wanted replicas and revision. */
    static ObjectNode ensure(LocalApi api, ResourceType type, ObjectNode deployment, ObjectNode existing,
                             String hash, int replicas, String revision, boolean fails) {
        ObjectNode rs = existing == null ? newReplicaSet(deployment, hash) : existing.deepCopy();
        ObjectNode annotations = Json.with(rs, "metadata", "annotations");
        annotations.put(DeploymentController.REVISION, revision);
        annotations.put("deployment.kubernetes.io/desired-replicas", String.valueOf(replicas));
        annotations.put("deployment.kubernetes.io/max-replicas", String.valueOf(replicas + surge(replicas)));
        Json.with(rs, "spec").put("replicas", replicas);
        ObjectNode stored = existing == null ? api.create(type, rs).orElse(rs) : api.update(type, rs).orElse(rs);
        return writeStatus(api, type, stored, replicas, fails);
    }

    static ObjectNode scale(LocalApi api, ResourceType type, ObjectNode rs, int replicas, boolean fails) {
        ObjectNode copy = rs.deepCopy();
        Json.with(copy, "spec").put("replicas", replicas);
        ObjectNode stored = api.update(type, copy).orElse(copy);
        return writeStatus(api, type, stored, replicas, fails);
    }

    private static ObjectNode writeStatus(LocalApi api, ResourceType type, ObjectNode rs, int replicas,
                                          boolean fails) {
        ObjectNode next = rs.deepCopy();
        ObjectNode status = next.putObject("status");
        status.put("replicas", replicas);
        if (replicas > 0) {
            status.put("fullyLabeledReplicas", replicas);
        }
        if (!fails && replicas > 0) {
            status.put("readyReplicas", replicas);
            status.put("availableReplicas", replicas);
        }
        status.put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        return api.updateStatus(type, next).orElse(next);
    }

    private static ObjectNode newReplicaSet(ObjectNode deployment, String hash) {
        String name = Json.text(deployment, "metadata", "name");
        String namespace = Json.text(deployment, "metadata", "namespace");
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", name + "-" + hash);
        meta.put("namespace", namespace);
        ObjectNode labels = meta.putObject("labels");
        deployment.path("spec").path("template").path("metadata").path("labels").properties()
                .forEach(e -> labels.set(e.getKey(), e.getValue()));
        labels.put("pod-template-hash", hash);
        ObjectNode owner = meta.putArray("ownerReferences").addObject();
        owner.put("apiVersion", "apps/v1");
        owner.put("kind", "Deployment");
        owner.put("name", name);
        owner.put("uid", Json.text(deployment, "metadata", "uid"));
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        ObjectNode spec = rs.putObject("spec");
        ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
        Json.with(selector, "matchLabels").put("pod-template-hash", hash);
        spec.set("selector", selector);
        ObjectNode template = deployment.path("spec").path("template").deepCopy();
        Json.with(template, "metadata", "labels").put("pod-template-hash", hash);
        spec.set("template", template);
        return rs;
    }

    private static int surge(int replicas) {
        return (int) Math.ceil(replicas * 0.25);
    }
}
