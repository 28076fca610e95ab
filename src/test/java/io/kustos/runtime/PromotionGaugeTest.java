package io.kustos.runtime;

import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code kustos_promotion_waiting} is 1 only while an environment waits for those it follows (after:), not for a held write lock. */
class PromotionGaugeTest {
    private static final Revision A = new Revision("main", "a".repeat(40));

    private static double gauge(TargetOutcome outcome) {
        var registry = new SimpleMeterRegistry();
        new DaemonMetrics(registry, List.of(outcome.environment())).reconciled(new ReconcileReport(A, A, List.of(outcome)), Duration.ofMillis(5));
        return registry.find(DaemonMetrics.WAITING).tag("environment", outcome.environment()).gauge().value();
    }

    @Test
    void anEnvironmentWaitingForTheOnesItFollowsSetsIt() {
        assertEquals(1.0, gauge(new TargetOutcome.Waiting("production", List.of("staging"), "waiting for staging", null)));
    }

    @Test
    void anEnvironmentWhoseWriteLockIsHeldDoesNotSetIt() {
        assertEquals(0.0, gauge(new TargetOutcome.Waiting("staging", List.of(), "staging is being written by another writer", Duration.ofSeconds(20))));
    }
}
