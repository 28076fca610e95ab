package io.kustos.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.kustos.reconcile.RuleStates.revision;
import static io.kustos.reconcile.RuleStates.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A heal at the revision this process settled at is not done once another writer recorded another revision as last good. */
class MovedOnRuleTest {
    @ParameterizedTest(name = "good={0} failed={1}, settled at {2}: moved on={3}")
    @CsvSource({
            // good, failed, settled at, moved on
            "G, ,  G, false",  // this process's revision is the last good one: drift is healed
            "H, ,  G, true",   // another writer applied H since
            "H, G, G, true",   // whatever failed
            " , ,  G, false",  // no last good revision (history removed): healed as before
    })
    void movedOnWhenTheHistoryNamesAnotherRevision(String good, String failed, String settledAt, boolean movedOn) {
        assertEquals(movedOn, MovedOnRule.movedOn(state(good, failed, null), revision(settledAt)));
    }
}
