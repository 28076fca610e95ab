package io.kustos.rollout;

import io.kustos.diff.Diff;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.failure.TransientException;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a failed rollout goes back to the last good revision, and what it says when that fails too. */
class AutomaticRollbackTest {
    private static final RevisionPair GOOD = pair('a', 'a');
    private static final RevisionPair FAILED = pair('b', 'b');
    private static final RolloutFailedException CAUSE = new RolloutFailedException("web did not roll out", FailureReason.ROLLOUT_FAILED);
    private static final Diff CHANGED = new Diff(null, List.of(), List.of());

    private final List<RevisionPair> restored = new ArrayList<>();

    private Diff restore(RevisionPair to) {
        restored.add(to);
        return CHANGED;
    }

    @Test
    void goesBackToTheLastGoodRevision() {
        var result = new AutomaticRollback(true).after(CAUSE, FAILED, GOOD, this::restore);
        var back = assertInstanceOf(AutomaticRollback.RolledBack.class, result);
        assertEquals(GOOD, back.restored());
        assertSame(CHANGED, back.diff());
        assertSame(CAUSE, back.cause());
        assertEquals(List.of(GOOD), restored);
    }

    @Test
    void isNotAttemptedWhenOffWithoutAGoodRevisionOrWhenTheGoodOneFailed() {
        assertInstanceOf(AutomaticRollback.NotAttempted.class, new AutomaticRollback(false).after(CAUSE, FAILED, GOOD, this::restore));
        assertInstanceOf(AutomaticRollback.NotAttempted.class, new AutomaticRollback(true).after(CAUSE, FAILED, null, this::restore));
        assertInstanceOf(AutomaticRollback.NotAttempted.class, new AutomaticRollback(true).after(CAUSE, GOOD, GOOD, this::restore));
        assertEquals(List.of(), restored, "nothing was restored");
    }

    @Test
    void aRollbackThatFailsTooSaysBoth() {
        for (var failure : List.of(new StallingException("dry run refused", FailureReason.REFUSED_INVALID),
                new TransientException("API server unreachable", FailureReason.CLUSTER_UNREACHABLE, null))) {
            var result = new AutomaticRollback(true).after(CAUSE, FAILED, GOOD, to -> {
                throw failure;
            });
            var too = assertInstanceOf(AutomaticRollback.FailedToo.class, result);
            assertEquals(FailureReason.ROLLOUT_FAILED, too.error().reason());
            assertTrue(too.error().getMessage().startsWith("web did not roll out\nand rolling back to " + GOOD + " failed too: "),
                    too.error().getMessage());
            assertTrue(too.error().getMessage().endsWith(failure.getMessage()), too.error().getMessage());
        }
    }

    @Test
    void aWriteThatStillFailedAfterItsRetriesGoesBackToo() {
        var write = new TransientException("configmap/staging/c-117: apply failed (HTTP 500): boom (gave up after 4 attempts)",
                FailureReason.CLUSTER_UNREACHABLE, null);
        var back = assertInstanceOf(AutomaticRollback.RolledBack.class, new AutomaticRollback(true).after(write, FAILED, GOOD, this::restore));
        assertSame(write, back.cause(), "the write's failure stands, with its kind (the exit code comes from it)");
        assertEquals(List.of(GOOD), restored);
    }

    @Test
    void aWriteCutShortByStoppingIsLeftForTheNextStartAndSaysWhy() {
        var stopping = new TransientException("interrupted", FailureReason.INTERRUPTED, null);
        var left = assertInstanceOf(AutomaticRollback.NotAttempted.class, new AutomaticRollback(true).after(stopping, FAILED, GOOD, this::restore));
        assertEquals("Kustos is stopping; its next run converges", left.why());
        assertEquals("there is no last good revision to go back to",
                ((AutomaticRollback.NotAttempted) new AutomaticRollback(true).after(CAUSE, FAILED, null, this::restore)).why());
        assertEquals(List.of(), restored, "nothing was restored");
    }
}
