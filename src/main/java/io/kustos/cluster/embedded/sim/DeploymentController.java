package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated deployment controller: one ReplicaSet per pod template (named
 * {@code <deployment>-<hash>}, reused when a template comes back), the new one scaled to
 * {@code spec.replicas} and the old ones to zero, and a status with observedGeneration, replica
 * counts and the Available and Progressing conditions. A rollout whose pods fail (see
 * {@link FailureKnobs}) stalls, leaves the old ReplicaSets up, and after
 * {@code progressDeadlineSeconds} reports Progressing=False, ProgressDeadlineExceeded.
 */
final class DeploymentController {

    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String HASH_LABEL = "pod-template-hash";

    private final LocalApi api;
    private final ResourceType deployments;
    private final ResourceType replicaSets;
    private final Map<String, Instant> rolloutStarts = new ConcurrentHashMap<>();

    DeploymentController(LocalApi api) {
        this.api = api;
        this.deployments = api.type("apps/v1", "Deployment");
        this.replicaSets = api.type("apps/v1", "ReplicaSet");
    }

    /** Reconciles one Deployment; returns when to look again (a progress deadline), if ever. */
    Optional<Duration> reconcile(String namespace, String name) {
        Optional<ObjectNode> found = api.get(deployments, namespace, name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode d = found.get();
        if (d.path("metadata").has("deletionTimestamp") || d.path("spec").path("paused").asBoolean(false)) {
            return Optional.empty();
        }
        String uid = Json.text(d, "metadata", "uid");
        JsonNode template = d.path("spec").path("template");
        String hash = PodTemplateHash.of(template);
        int desired = d.path("spec").path("replicas").asInt(1);
        boolean fails = FailureKnobs.rolloutFails(template);

        List<ObjectNode> owned = ownedReplicaSets(namespace, uid);
        long maxRevision = owned.stream().mapToLong(DeploymentController::revision).max().orElse(0);
        ObjectNode newRs = owned.stream().filter(rs -> hash.equals(Json.text(rs, "metadata", "labels", HASH_LABEL)))
                .findFirst().orElse(null);
        String revision = newRs != null && revision(newRs) == maxRevision ? String.valueOf(maxRevision)
                : String.valueOf(maxRevision + 1);
        newRs = ReplicaSets.ensure(api, replicaSets, d, newRs, hash, desired, revision, fails);
        List<ObjectNode> all = new ArrayList<>();
        all.add(newRs);
        for (ObjectNode rs : owned) {
            if (!Json.text(rs, "metadata", "name").equals(Json.text(newRs, "metadata", "name"))) {
                all.add(fails ? rs : ReplicaSets.scale(api, replicaSets, rs, 0, false));
            }
        }
        return writeStatus(d, newRs, all, desired, fails, revision, uid + "/" + hash);
    }

    private Optional<Duration> writeStatus(ObjectNode d, ObjectNode newRs, List<ObjectNode> all, int desired,
                                           boolean fails, String revision, String rolloutKey) {
        int replicas = 0;
        int ready = 0;
        for (ObjectNode rs : all) {
            replicas += rs.path("spec").path("replicas").asInt();
            ready += rs.path("status").path("readyReplicas").asInt();
        }
        int updated = newRs.path("spec").path("replicas").asInt();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode next = d.deepCopy();
        Json.with(next, "metadata", "annotations").put(REVISION, revision);
        ObjectNode status = Json.with(next, "status");
        status.put("observedGeneration", d.path("metadata").path("generation").asLong(1));
        putOrRemove(status, "replicas", replicas);
        putOrRemove(status, "updatedReplicas", updated);
        putOrRemove(status, "readyReplicas", ready);
        putOrRemove(status, "availableReplicas", ready);
        putOrRemove(status, "unavailableReplicas", Math.max(0, replicas - ready));
        int maxUnavailable = maxUnavailable(d, desired);
        boolean available = ready >= desired - maxUnavailable;
        Conditions.set(status, "Available", available ? "True" : "False",
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                now, true);
        String rsName = Json.text(newRs, "metadata", "name");
        Optional<Duration> recheck = Optional.empty();
        if (!fails || desired == 0) {
            rolloutStarts.remove(rolloutKey);
            Conditions.set(status, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rsName + "\" has successfully progressed.", now, true);
        } else {
            Instant start = rolloutStarts.computeIfAbsent(rolloutKey, k -> Instant.now());
            Duration deadline = Duration.ofSeconds(d.path("spec").path("progressDeadlineSeconds").asLong(600));
            Duration left = deadline.minus(Duration.between(start, Instant.now()));
            if (left.isNegative() || left.isZero()) {
                Conditions.set(status, "Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", now, true);
            } else {
                Conditions.set(status, "Progressing", "True", "ReplicaSetUpdated",
                        "ReplicaSet \"" + rsName + "\" is progressing.", now, true);
                recheck = Optional.of(left);
            }
        }
        api.updateStatus(deployments, next);
        return recheck;
    }

    private static void putOrRemove(ObjectNode status, String field, int value) {
        if (value == 0) {
            status.remove(field);
        } else {
            status.put(field, value);
        }
    }

    private static int maxUnavailable(ObjectNode d, int desired) {
        JsonNode value = d.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable");
        if (value.isInt()) {
            return value.asInt();
        }
        String text = value.asText("25%");
        if (text.endsWith("%")) {
            return (int) Math.floor(desired * Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0);
        }
        return text.isEmpty() ? 0 : Integer.parseInt(text);
    }

    private List<ObjectNode> ownedReplicaSets(String namespace, String uid) {
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode rs : api.list(replicaSets, namespace)) {
            for (JsonNode ref : rs.path("metadata").path("ownerReferences")) {
                if (uid.equals(ref.path("uid").asText())) {
                    result.add(rs);
                }
            }
        }
        return result;
    }

    private static long revision(ObjectNode rs) {
        try {
            return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
