package io.kustos.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.reconcile.RuleStates.revision;
import static io.kustos.reconcile.RuleStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What differs at the revision an environment already stands at is drift; at any other, the change it brings. */
class DriftRuleTest {
    @ParameterizedTest(name = "good={0} failed={1} pausedAt={2}, head {3}: already applied={4}")
    @CsvSource({
            // good, failed, pausedAt, head, already applied
            "G, F,  , G, true",
            "G, F,  , F, false",  // the failed revision was never applied
            "G, F,  , H, false",  // a new commit
            "F, ,   , F, true",   // an emergency rollback to the failed revision released it
            " , ,   , G, false",  // a fresh environment
            "G, F, F, G, true",   // whatever the pause (the pause rule comes first)
    })
    void driftOnlyAtTheRevisionAlreadyApplied(String good, String failed, String pausedAt, String head, boolean applied) {
        assertEquals(applied, DriftRule.alreadyApplied(state(good, failed, pausedAt), revision(head)));
    }
}
