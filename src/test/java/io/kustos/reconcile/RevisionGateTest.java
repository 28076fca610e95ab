package io.kustos.reconcile;

import io.kustos.history.TargetState;
import io.kustos.reconcile.RevisionGate.Verdict;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.testsupport.Pairs.pair;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules for held, paused and drifted revisions, on a target's remembered state: G is the
 * last good revision, F one that failed and was rolled back, H a newer commit.
 */
class RevisionGateTest {
    private static final RevisionPair G = pair('a', 'a');
    private static final RevisionPair F = pair('f', 'f');
    private static final RevisionPair H = pair('c', 'c');

    /** After F failed and was rolled back to G. */
    private static final TargetState ROLLED_BACK = TargetState.EMPTY.withGood(G).withFailed(F);

    @ParameterizedTest(name = "{0} retry={1}: {2}")
    @CsvSource({
            "F, false, HELD",
            "F, true,  APPLY",
            "H, false, APPLY",
            "G, false, DRIFT",
    })
    void afterAFailedRevision(String head, boolean retry, Verdict expected) {
        assertEquals(expected, RevisionGate.decide(ROLLED_BACK, revision(head), retry));
    }

    @Test
    void anEmergencyRollbackPausesEvenARetry() {
        var paused = ROLLED_BACK.afterEmergencyRollback(G, F);
        assertEquals(Verdict.PAUSED, RevisionGate.decide(paused, F, false));
        assertEquals(Verdict.PAUSED, RevisionGate.decide(paused, F, true));
        assertFalse(PauseRule.endedBy(paused, F), "the head it paused at does not end the pause");
        assertTrue(PauseRule.endedBy(paused, H), "a new commit does");
    }

    @Test
    void resumeEndsThePauseButTheFailedRevisionStaysHeld() {
        var resumed = ROLLED_BACK.afterEmergencyRollback(G, F).afterResume();
        assertEquals(Verdict.HELD, RevisionGate.decide(resumed, F, false), "resume alone must not try the failed revision again");
        assertEquals(Verdict.APPLY, RevisionGate.decide(resumed, F, true), "--retry does");
        assertEquals(Verdict.APPLY, RevisionGate.decide(resumed, H, false), "so does a new commit");
        assertEquals(new TargetState(G, F, null), resumed);
    }

    @Test
    void aPauseEndedByANewCommitKeepsTheOldFailureHeldOnlyForItsOwnRevision() {
        var paused = ROLLED_BACK.afterEmergencyRollback(G, F);
        var unpaused = paused.withPause(null);
        assertEquals(Verdict.APPLY, RevisionGate.decide(unpaused, H, false));
        assertEquals(Verdict.HELD, RevisionGate.decide(unpaused, F, false));
    }

    @Test
    void anEmergencyRollbackToTheFailedRevisionItselfReleasesIt() {
        var state = ROLLED_BACK.afterEmergencyRollback(F, F).afterResume();
        assertEquals(new TargetState(F, null, null), state);
        assertEquals(Verdict.DRIFT, RevisionGate.decide(state, F, false));
    }

    @Test
    void aFreshTargetApplies() {
        assertEquals(Verdict.APPLY, RevisionGate.decide(TargetState.EMPTY, G, false));
        assertFalse(PauseRule.endedBy(TargetState.EMPTY, G));
    }

    private static RevisionPair revision(String name) {
        return switch (name) {
            case "G" -> G;
            case "F" -> F;
            default -> H;
        };
    }
}
