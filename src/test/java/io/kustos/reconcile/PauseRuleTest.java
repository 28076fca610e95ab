package io.kustos.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.reconcile.RuleStates.revision;
import static io.kustos.reconcile.RuleStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An emergency rollback pauses an environment at the head it rolled back from; only a new commit ends that. */
class PauseRuleTest {
    @ParameterizedTest(name = "good={0} failed={1} pausedAt={2}, head {3}: paused={4}, ended={5}")
    @CsvSource({
            // good, failed, pausedAt, head, paused, ended by the head
            "G, F, F, F, true,  false",  // the head it paused at does not end the pause
            "G, F, F, H, true,  true",   // a new commit does
            "G, F, F, G, true,  true",   // so does a commit back to the good revision
            "G, ,  G, G, true,  false",  // paused at the revision it stands at
            "G, F,  , F, false, false",  // not paused: nothing to end
            "G, F,  , H, false, false",
            " , ,   , G, false, false",  // a fresh environment
    })
    void pausedUntilANewCommit(String good, String failed, String pausedAt, String head, boolean paused, boolean ended) {
        var state = state(good, failed, pausedAt);
        assertEquals(paused, PauseRule.paused(state));
        assertEquals(ended, PauseRule.endedBy(state, revision(head)));
    }
}
