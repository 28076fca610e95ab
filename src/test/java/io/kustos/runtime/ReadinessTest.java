package io.kustos.runtime;

import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.StallingException;
import io.kustos.reconcile.TargetOutcome;
import io.kustos.reconcile.TransientException;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/** /readyz: ready when every environment's last reconcile succeeded or one is in progress, and the sources answered. */
class ReadinessTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final Revision B = new Revision("main", "b".repeat(40));

    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean(true);
    private final DaemonStatus status = new DaemonStatus(List.of("staging", "production"), busy::get, leader::get);

    @Test
    void notReadyBeforeTheFirstReconcileUnlessOneIsInProgress() {
        assertFalse(status.readiness().ready());
        assertTrue(status.readiness().reasons().contains("staging: not reconciled yet"), status.readiness().toString());
        busy.set(true);
        assertTrue(status.readiness().ready());
    }

    @Test
    void readyWhenEveryEnvironmentSucceeded() {
        status.polled(null);
        status.reported(report(new TargetOutcome.InSync("staging", null), new TargetOutcome.Applied("production", null, 2, List.of())));
        assertEquals(new DaemonStatus.Verdict(true, List.of("every environment reconciled")), status.readiness());
    }

    @Test
    void aFailedEnvironmentOrUnreachableSourceIsNotReady() {
        status.polled(null);
        status.reported(report(new TargetOutcome.InSync("staging", null),
                new TargetOutcome.Failed("production", new StallingException("release.yaml: bad image"))));
        var verdict = status.readiness();
        assertFalse(verdict.ready());
        assertEquals(List.of("production: failed (invalid): release.yaml: bad image"), verdict.reasons());

        status.reported(report(new TargetOutcome.InSync("staging", null), new TargetOutcome.InSync("production", null)));
        assertTrue(status.readiness().ready());
        status.polled(new TransientException("source 'config': cannot reach git.example.com", null));
        assertFalse(status.readiness().ready());
        assertTrue(status.readiness().reasons().get(0).startsWith("sources: "), status.readiness().toString());
    }

    @Test
    void aStandbyReplicaIsReady() {
        leader.set(false);
        assertEquals(new DaemonStatus.Verdict(true, List.of("standby: another replica holds the lease")), status.readiness());
    }

    private static ReconcileReport report(TargetOutcome... targets) {
        return new ReconcileReport(A, B, List.of(targets));
    }
}
