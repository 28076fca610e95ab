package io.kustos.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.diff.Diff;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The {@code outcome} label of {@code kustos_reconcile_duration_seconds} and of {@code /status}, per
 * outcome, as README.md lists them: a hand edit left as it is (selfHeal off) is {@code drift_detected},
 * not {@code drift_corrected}.
 */
class OutcomeLabelsTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final Revision B = new Revision("main", "b".repeat(40));
    private static final RevisionPair OLD = new RevisionPair(B, B);
    private static final Diff EMPTY = new Diff(null, List.of(), List.of());

    static Stream<Arguments> outcomes() {
        var error = new StallingException("staging: the rollout failed", io.kustos.failure.FailureReason.INVALID_INPUT);
        return Stream.of(
                Arguments.of(new TargetOutcome.InSync("staging", EMPTY), "in_sync", true),
                Arguments.of(new TargetOutcome.Differs("staging", EMPTY), "differs", true),
                Arguments.of(new TargetOutcome.Applied("staging", EMPTY, 0, List.of()), "applied", true),
                Arguments.of(new TargetOutcome.Drifted("staging", EMPTY, true), "drift_corrected", true),
                Arguments.of(new TargetOutcome.Drifted("staging", EMPTY, false), "drift_detected", true),
                Arguments.of(new TargetOutcome.Paused("staging", new RevisionPair(A, A), OLD), "paused", true),
                Arguments.of(new TargetOutcome.Failed("staging", error), "failed", false),
                Arguments.of(new TargetOutcome.RolledBack("staging", error, OLD, EMPTY), "rolled_back", false));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("outcomes")
    void metricsAndStatusNameTheOutcomeAlike(TargetOutcome outcome, String label, boolean ok) throws Exception {
        var report = new ReconcileReport(A, A, List.of(outcome));
        var registry = new SimpleMeterRegistry();
        new DaemonMetrics(registry, List.of("staging")).reconciled(report, Duration.ofMillis(5));
        assertEquals(1, registry.find(DaemonMetrics.RECONCILE).tag("environment", "staging").tag("outcome", label).timers().size(),
                registry.getMetersAsString());
        assertEquals(ok ? 1.0 : 0.0, registry.find(DaemonMetrics.LAST_SUCCESS).gauge().value());

        var status = new DaemonStatus(List.of("staging"), () -> false, () -> true, Clock.systemUTC());
        status.reported(report);
        var staging = new ObjectMapper().readTree(status.json()).path("environments").path("staging");
        assertEquals(label, staging.path("outcome").asText());
        assertEquals(ok, staging.path("ok").asBoolean());
    }
}
