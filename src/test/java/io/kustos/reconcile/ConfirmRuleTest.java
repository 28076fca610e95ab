package io.kustos.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.reconcile.RuleStates.revision;
import static io.kustos.reconcile.RuleStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A revision the cluster already holds (nothing to write) is seen through and recorded only when
 * nothing was recorded of it: a rollout cut short by a restart, or a cluster adopted in sync.
 */
class ConfirmRuleTest {
    @ParameterizedTest(name = "good={0} failed={1} pausedAt={2}, head {3}: confirm={4}")
    @CsvSource({
            // good, failed, pausedAt, head, needs confirming
            " , ,   , G, true",   // adopted in sync: never recorded
            "G, ,   , H, true",   // written, then the wait was cut short
            "G, F,  , H, true",
            "G, ,   , G, false",  // already recorded as good
            "G, F,  , F, false",  // recorded as failed: held, not confirmed
            "G, F, F, H, false",  // paused by an emergency rollback
            "G, F, F, F, false",
    })
    void onlyARevisionNothingRecorded(String good, String failed, String pausedAt, String head, boolean confirm) {
        assertEquals(confirm, ConfirmRule.needsConfirming(state(good, failed, pausedAt), revision(head)));
    }
}
