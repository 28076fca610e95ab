package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated job controller: a Job starts (active 1, startTime) and, after the configured run
 * time, completes (succeeded, condition Complete) or — when {@link FailureKnobs} says so — fails
 * (failed = backoffLimit + 1, condition Failed, reason BackoffLimitExceeded); one that fails its
 * first try only succeeds when a Job of its name is made again.
 */
final class JobController {

    private final LocalApi api;
    private final ResourceType jobs;
    private final Duration runTime;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    /** namespace/name of the Jobs that failed their first try ({@link FailureKnobs#jobFailsFirstTry}). */
    private final Set<String> triedOnce = ConcurrentHashMap.newKeySet();

    JobController(LocalApi api, Duration runTime) {
        this.api = api;
        this.jobs = api.type("batch/v1", "Job");
        this.runTime = runTime;
    }

    /** Advances one Job; returns when to look again. */
    Optional<Duration> reconcile(String namespace, String name) {
        Optional<ObjectNode> found = api.get(jobs, namespace, name);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode job = found.get();
        ObjectNode status = job.path("status").isObject() ? (ObjectNode) job.get("status") : Json.object();
        if (Conditions.isTrue(status, "Complete") || Conditions.isTrue(status, "Failed")
                || job.path("spec").path("suspend").asBoolean(false)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode next = job.deepCopy();
        ObjectNode nextStatus = Json.with(next, "status");
        if (!status.has("startTime")) {
            nextStatus.put("startTime", nowText);
            nextStatus.put("active", 1);
            api.updateStatus(jobs, next);
            started.put(key(job), now);
            return Optional.of(runTime);
        }
        Instant start = started.getOrDefault(key(job), Instant.parse(status.path("startTime").asText()));
        Duration left = runTime.minus(Duration.between(start, now));
        if (!left.isNegative() && !left.isZero()) {
            return Optional.of(left);
        }
        nextStatus.remove("active");
        var template = job.path("spec").path("template");
        if (FailureKnobs.jobFails(template) || FailureKnobs.jobFailsFirstTry(template)
                && triedOnce.add(namespace + "/" + name)) {
            nextStatus.put("failed", job.path("spec").path("backoffLimit").asInt(6) + 1);
            Conditions.set(nextStatus, "Failed", "True", "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit", nowText, false);
            Conditions.find(nextStatus, "Failed").put("lastProbeTime", nowText);
        } else {
            nextStatus.put("succeeded", job.path("spec").path("completions").asInt(1));
            nextStatus.put("completionTime", nowText);
            Conditions.set(nextStatus, "Complete", "True", "", "", nowText, false);
            ObjectNode condition = Conditions.find(nextStatus, "Complete");
            condition.remove("reason");
            condition.remove("message");
            condition.put("lastProbeTime", nowText);
        }
        api.updateStatus(jobs, next);
        started.remove(key(job));
        return Optional.empty();
    }

    private static String key(ObjectNode job) {
        return Json.text(job, "metadata", "uid");
    }
}
