package io.kustos.reconcile;

import io.kustos.failure.FailureReason;
import io.kustos.failure.KustosException;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17, point 3: while some environments go on, those whose cluster gives no answer back off
 * per cluster ({@link ClusterOutages}), not the whole loop: the loop backs off only for a failure
 * of another kind, or when every environment's cluster is out (then there is nothing to keep on
 * schedule, and the loop backs off as before).
 */
class ADeadClusterDoesNotSlowTheLoopTest {
    private static final Revision A = new Revision("main", "a".repeat(40));
    private static final KustosException DEAD = new ClusterUnreachableException("production: not reconciled: context \"far\" gives no answer", null);

    private static ReconcileReport report(TargetOutcome... outcomes) {
        return new ReconcileReport(A, A, List.of(outcomes));
    }

    @Test
    void anOutOfReachClusterBesideOthersThatGoOnDoesNotSlowTheLoop() {
        assertNull(ReconcileLoop.backingOff(report(new TargetOutcome.InSync("staging", null), new TargetOutcome.Failed("production", DEAD))));
        assertNull(ReconcileLoop.backingOff(report(new TargetOutcome.Failed("staging", new StallingException("bad input", FailureReason.INVALID_INPUT)),
                new TargetOutcome.Failed("production", DEAD))), "an environment refused for bad input goes on (nothing to retry)");
    }

    @Test
    void everyClusterOutOfReachOrAnotherFailureBacksTheLoopOff() {
        assertSame(DEAD, ReconcileLoop.backingOff(report(new TargetOutcome.Failed("production", DEAD))),
                "one cluster, out: the loop backs off as before");
        var other = new TransientException("HTTP 500", FailureReason.CLUSTER_UNREACHABLE, null);
        assertSame(other, ReconcileLoop.backingOff(report(new TargetOutcome.Failed("staging", other), new TargetOutcome.Failed("production", DEAD))));
        assertNull(ReconcileLoop.backingOff(report(new TargetOutcome.InSync("staging", null))), "nothing failed");
    }
}
