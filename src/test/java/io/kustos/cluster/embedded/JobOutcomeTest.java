package io.kustos.cluster.embedded;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobOutcomeTest extends SharedEmbeddedCluster {


    private static Job job(String name, List<String> command) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("run")
                .withImage("app:1").withCommand(command).endContainer().endSpec().endTemplate().endSpec().build();
    }

    private static Optional<JobCondition> finished(String name) {
        Job j = client.batch().v1().jobs().withName(name).get();
        if (j.getStatus() == null || j.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return j.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals("Complete") || c.getType().equals("Failed")).findFirst();
    }

    @Test
    void aJobCompletes() {
        client.batch().v1().jobs().resource(job("migrate", List.of("rake", "db:migrate"))).create();
        TestClusters.await("job finished", () -> finished("migrate").isPresent());
        assertEquals("Complete", finished("migrate").orElseThrow().getType());
        assertEquals(1, client.batch().v1().jobs().withName("migrate").get().getStatus().getSucceeded());
    }

    @Test
    void aJobWhoseCommandSaysFailOnPurposeFails() {
        client.batch().v1().jobs().resource(job("broken", List.of("sh", "-c", "fail-on-purpose"))).create();
        TestClusters.await("job finished", () -> finished("broken").isPresent());
        JobCondition c = finished("broken").orElseThrow();
        assertEquals("Failed", c.getType());
        assertEquals("BackoffLimitExceeded", c.getReason());
        assertEquals(1, client.batch().v1().jobs().withName("broken").get().getStatus().getFailed());
    }
}
