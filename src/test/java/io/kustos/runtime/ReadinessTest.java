package io.kustos.runtime;

import io.kustos.failure.FailureReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.failure.TransientException;
import io.kustos.source.Revision;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * /readyz means "can serve webhooks": ready once serving, leader or standby, whatever the reconciles
 * did, so a failed revision never takes the pod out of the Service that brings the fixing commit's
 * webhook. The reconcile health goes to {@code GET /status} and to metrics instead.
 */
class ReadinessTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final Revision B = new Revision("main", "b".repeat(40));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final DaemonStatus status = new DaemonStatus(List.of("staging", "production"), busy::get, leader::get, CLOCK);

    @Test
    void readyOnceServingBeforeAnyReconcile() {
        assertFalse(status.readiness().ready(), "not before the webhooks are served");
        status.serving();
        assertEquals(new DaemonStatus.Verdict(true, List.of("leader")), status.readiness());
    }

    @Test
    void aFailedReconcileOrAnUnreachableRemoteStaysReadyAndSaysWhy() {
        status.serving();
        status.polled(null);
        status.reported(report(new TargetOutcome.InSync("staging", null),
                new TargetOutcome.Failed("production", new StallingException("release.yaml: bad image", FailureReason.INVALID_INPUT))));
        assertEquals(new DaemonStatus.Verdict(true, List.of("leader", "production: invalid: release.yaml: bad image")), status.readiness());

        status.polled(new TransientException("source 'config': cannot reach git.example.com", FailureReason.SOURCE_UNREACHABLE, null));
        var verdict = status.readiness();
        assertTrue(verdict.ready(), verdict.toString());
        assertEquals("sources: error: source 'config': cannot reach git.example.com", verdict.reasons().get(1));
    }

    @Test
    void aStandbyReplicaIsReady() {
        status.serving();
        leader.set(false);
        assertEquals(new DaemonStatus.Verdict(true, List.of("standby: another replica holds the lease")), status.readiness());
    }

    @Test
    void statusTellsEachEnvironmentsLastOutcomeRevisionAndErrorAndThePoll() throws Exception {
        JsonNode before = JSON.readTree(status.json());
        assertEquals("leader", before.get("role").asText());
        assertFalse(before.at("/sources/polled").asBoolean());
        assertFalse(before.at("/environments/staging/reconciled").asBoolean());

        status.polled(new TransientException("source 'config': cannot reach git.example.com", FailureReason.SOURCE_UNREACHABLE, null));
        status.reported(report(new TargetOutcome.Applied("staging", null, 2, List.of()),
                new TargetOutcome.Failed("production", new StallingException("release.yaml: bad image", FailureReason.INVALID_INPUT))));
        leader.set(false);
        JsonNode after = JSON.readTree(status.json());
        assertEquals("standby", after.get("role").asText());
        assertFalse(after.at("/sources/ok").asBoolean());
        assertEquals("error: source 'config': cannot reach git.example.com", after.at("/sources/error").asText());
        assertEquals("2026-12-05T01:00:00Z", after.at("/sources/at").asText());
        assertEquals("applied", after.at("/environments/staging/outcome").asText());
        assertTrue(after.at("/environments/staging/ok").asBoolean());
        assertTrue(after.at("/environments/staging/error").isNull());
        assertEquals(A.toString(), after.at("/environments/production/revision/config").asText());
        assertEquals(B.toString(), after.at("/environments/production/revision/releases").asText());
        assertEquals("failed", after.at("/environments/production/outcome").asText());
        assertFalse(after.at("/environments/production/ok").asBoolean());
        assertEquals("invalid: release.yaml: bad image", after.at("/environments/production/error").asText());
    }

    @Test
    void metricsTellTheLastReconcileAndPoll() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var metrics = new DaemonMetrics(registry, List.of("staging", "production"));
        assertTrue(registry.scrape().contains("kustos_reconcile_last_success{environment=\"staging\"} NaN"), registry.scrape());
        assertTrue(registry.scrape().contains("kustos_source_last_poll_success NaN"), registry.scrape());

        metrics.polled(Duration.ofMillis(5), new TransientException("source 'config': cannot reach git.example.com", FailureReason.SOURCE_UNREACHABLE, null));
        metrics.reconciled(report(new TargetOutcome.InSync("staging", null),
                new TargetOutcome.Failed("production", new StallingException("release.yaml: bad image", FailureReason.INVALID_INPUT))), Duration.ofMillis(5));
        String scrape = registry.scrape();
        assertTrue(scrape.contains("kustos_reconcile_last_success{environment=\"staging\"} 1.0"), scrape);
        assertTrue(scrape.contains("kustos_reconcile_last_success{environment=\"production\"} 0.0"), scrape);
        assertTrue(scrape.contains("kustos_source_last_poll_success 0.0"), scrape);
        metrics.polled(Duration.ofMillis(5), null);
        assertTrue(registry.scrape().contains("kustos_source_last_poll_success 1.0"), registry.scrape());
    }

    private static ReconcileReport report(TargetOutcome... targets) {
        return new ReconcileReport(A, B, List.of(targets));
    }
}
