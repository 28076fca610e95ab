package io.kustos.runtime;

import io.kustos.failure.FailureReason;
import io.kustos.diff.Diff;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos_last_applied_revision_info} is set by the first reconcile after a start whatever
 * its outcome, as long as it tells where the environment stands: in sync, applied, drift found
 * (restored or not) at the revision already applied, paused at the revision an emergency
 * rollback restored, rolled back to the last good revision.
 */
class RevisionInfoAfterEveryOutcomeTest {
    private static final Revision CONFIG = new Revision("main", "c".repeat(40));
    private static final Revision RELEASES = new Revision("main", "d".repeat(40));
    private static final Revision OLD_CONFIG = new Revision("main", "a".repeat(40));
    private static final Revision OLD_RELEASES = new Revision("main", "b".repeat(40));
    private static final RevisionPair OLD = new RevisionPair(OLD_CONFIG, OLD_RELEASES);
    private static final Diff EMPTY = new Diff(null, List.of(), List.of());

    static Stream<Arguments> outcomes() {
        var error = new StallingException("staging: the rollout failed", FailureReason.ROLLOUT_FAILED);
        return Stream.of(
                Arguments.of("in sync", new TargetOutcome.InSync("staging", EMPTY), CONFIG, RELEASES),
                Arguments.of("applied", new TargetOutcome.Applied("staging", EMPTY, 0, List.of()), CONFIG, RELEASES),
                Arguments.of("drift corrected", new TargetOutcome.Drifted("staging", EMPTY, true), CONFIG, RELEASES),
                Arguments.of("drift reported", new TargetOutcome.Drifted("staging", EMPTY, false), CONFIG, RELEASES),
                Arguments.of("paused", new TargetOutcome.Paused("staging", new RevisionPair(CONFIG, RELEASES), OLD),
                        OLD_CONFIG, OLD_RELEASES),
                Arguments.of("rolled back", new TargetOutcome.RolledBack("staging", error, OLD, EMPTY), OLD_CONFIG, OLD_RELEASES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void theFirstReconcileAfterAStartSetsTheRevision(String name, TargetOutcome outcome, Revision config, Revision releases) {
        var registry = new SimpleMeterRegistry();
        var metrics = new DaemonMetrics(registry, List.of("staging"));

        metrics.reconciled(new ReconcileReport(CONFIG, RELEASES, List.of(outcome)), Duration.ofMillis(5));

        var series = registry.find(DaemonMetrics.REVISION).tag("environment", "staging").gauges();
        assertEquals(1, series.size(), name + ": " + series);
        Gauge g = series.iterator().next();
        assertEquals(config.sha(), g.getId().getTag("config"), name);
        assertEquals(releases.sha(), g.getId().getTag("releases"), name);
        assertEquals(1.0, g.value());
    }

    /** A failure says nothing about where the environment stands: no series is made up. */
    @Test
    void aFailedFirstReconcileSetsNone() {
        var registry = new SimpleMeterRegistry();
        var metrics = new DaemonMetrics(registry, List.of("staging"));

        metrics.reconciled(new ReconcileReport(CONFIG, RELEASES,
                List.of(new TargetOutcome.Failed("staging", new StallingException("staging: invalid", FailureReason.INVALID_INPUT)))), Duration.ofMillis(5));

        assertTrue(registry.find(DaemonMetrics.REVISION).gauges().isEmpty());
    }

    /** A drift correction after an apply keeps the one series; a rollback to an older revision replaces it. */
    @Test
    void oneSeriesPerEnvironment() {
        var registry = new SimpleMeterRegistry();
        var metrics = new DaemonMetrics(registry, List.of("staging"));
        metrics.reconciled(new ReconcileReport(CONFIG, RELEASES, List.of(new TargetOutcome.Applied("staging", EMPTY, 1, List.of()))), Duration.ZERO);
        metrics.reconciled(new ReconcileReport(CONFIG, RELEASES, List.of(new TargetOutcome.Drifted("staging", EMPTY, true))), Duration.ZERO);
        assertEquals(1, registry.find(DaemonMetrics.REVISION).gauges().size());

        metrics.reconciled(new ReconcileReport(CONFIG, RELEASES,
                List.of(new TargetOutcome.RolledBack("staging", new StallingException("hook failed", FailureReason.HOOK_FAILED), OLD, EMPTY))), Duration.ZERO);
        var series = registry.find(DaemonMetrics.REVISION).gauges();
        assertEquals(1, series.size(), series.toString());
        assertEquals(OLD_CONFIG.sha(), series.iterator().next().getId().getTag("config"));
    }
}
