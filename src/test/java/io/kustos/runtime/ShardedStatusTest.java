package io.kustos.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** A sharded replica's /readyz and /status say what it owns, and only its own environments' failures. */
class ShardedStatusTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC);

    private final AtomicReference<Set<String>> owned = new AtomicReference<>(Set.of("production"));
    private final DaemonStatus status = new DaemonStatus(List.of("staging", "production", "qa"), () -> false, () -> true, CLOCK)
            .sharded(owned::get);

    @Test
    void readinessSaysHowManyItOwnsAndOnlyItsOwnFailures() {
        status.serving();
        status.reported(new ReconcileReport(A, A, List.of(
                new TargetOutcome.Failed("staging", new StallingException("an older failure, from before staging moved", FailureReason.INVALID_INPUT)),
                new TargetOutcome.Failed("production", new StallingException("release.yaml: bad image", FailureReason.INVALID_INPUT)))));
        assertEquals(new DaemonStatus.Verdict(true, List.of("sharded: owns 1 environment of 3", "production: invalid: release.yaml: bad image")),
                status.readiness());
    }

    @Test
    void aReplicaThatCannotUseItsLeasesIsNotReadyAndSaysWhy() {
        AtomicReference<String> trouble = new AtomicReference<>("sharding: the namespace kustos-sytem (sharding.namespace) does not exist");
        var troubled = new DaemonStatus(List.of("staging", "production", "qa"), () -> false, () -> true, CLOCK).sharded(Set::of, trouble::get);
        troubled.serving();
        assertEquals(new DaemonStatus.Verdict(false, List.of("sharded: owns 0 environments of 3",
                "sharding: the namespace kustos-sytem (sharding.namespace) does not exist")), troubled.readiness());
        trouble.set(null);
        assertTrue(troubled.readiness().ready(), "still not ready once it can use its Leases again");
    }

    @Test
    void statusNamesTheRoleAndWhatItOwns() throws Exception {
        owned.set(Set.of("qa", "staging"));
        JsonNode json = new ObjectMapper().readTree(status.json());
        assertEquals("sharded", json.get("role").asText());
        assertEquals(List.of("staging", "qa"), List.of(json.get("owns").get(0).asText(), json.get("owns").get(1).asText()));
        assertEquals(2, json.get("owns").size());
    }
}
