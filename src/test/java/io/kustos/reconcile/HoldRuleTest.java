package io.kustos.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.reconcile.RuleStates.revision;
import static io.kustos.reconcile.RuleStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A revision that failed before is held until a new commit or {@code --retry}. */
class HoldRuleTest {
    @ParameterizedTest(name = "good={0} failed={1} pausedAt={2}, head {3} retry={4}: held={5}")
    @CsvSource({
            // good, failed, pausedAt, head, retry, held
            "G, F,  , F, false, true",   // the failed revision again
            "G, F,  , F, true,  false",  // --retry tries it
            "G, F,  , H, false, false",  // a new commit is not held
            "G, F,  , G, false, false",  // nor the good revision
            " , F,  , F, false, true",   // failed on its first apply
            "G, ,   , G, false, false",  // nothing failed
            " , ,   , H, false, false",  // a fresh environment
            "G, F, F, F, false, true",   // held whether paused or not (the pause rule comes first)
    })
    void heldUntilANewCommitOrRetry(String good, String failed, String pausedAt, String head, boolean retry, boolean held) {
        assertEquals(held, HoldRule.held(state(good, failed, pausedAt), revision(head), retry));
    }
}
