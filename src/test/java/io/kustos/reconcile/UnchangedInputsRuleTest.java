package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.history.TargetState;
import io.kustos.render.DesiredState;
import io.kustos.render.SourceRevisions;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: a revision that leaves an environment's inputs as they were is recorded without
 * listing, writing or waiting only when the rule knows it: the same target, the digest of the revision
 * it saw recorded as good, a new revision, no --retry; and the history, read now, still stands at that
 * revision (not failed since, not paused). Anything else takes the full path.
 */
class UnchangedInputsRuleTest {
    private static final Target STAGING = new Target("staging", "ns", List.of(), null, null, false);
    private static final RevisionPair P = pair('a', 'b');
    private static final RevisionPair Q = pair('c', 'b');
    private static final UnchangedInputsRule.Rendered GOOD = new UnchangedInputsRule.Rendered(STAGING, P, "sha256:1");

    @Test
    void aNewRevisionWithTheLastGoodDigestHasTheSameInputs() {
        assertTrue(UnchangedInputsRule.sameInputs(GOOD, STAGING, desired(Q, "sha256:1"), false));
    }

    @Test
    void anythingElseTakesTheFullPath() {
        assertFalse(UnchangedInputsRule.sameInputs(null, STAGING, desired(Q, "sha256:1"), false), "nothing remembered (a restart)");
        assertFalse(UnchangedInputsRule.sameInputs(GOOD, STAGING, desired(Q, "sha256:2"), false), "the commit changed this environment");
        assertFalse(UnchangedInputsRule.sameInputs(GOOD, STAGING, desired(P, "sha256:1"), false), "the same revision: a retry or a heal");
        assertFalse(UnchangedInputsRule.sameInputs(GOOD, STAGING, desired(Q, "sha256:1"), true), "kustos apply --retry");
        var moved = new Target("staging", "other", List.of(), null, null, false);
        assertFalse(UnchangedInputsRule.sameInputs(GOOD, moved, desired(Q, "sha256:1"), false), "kustos.yaml changed the target");
    }

    @Test
    void theHistoryMustStillStandAtTheRememberedRevision() {
        assertTrue(UnchangedInputsRule.standsAt(new TargetState(P, null, null), GOOD));
        assertFalse(UnchangedInputsRule.standsAt(TargetState.EMPTY, GOOD), "no history");
        assertFalse(UnchangedInputsRule.standsAt(new TargetState(Q, null, null), GOOD), "another revision recorded since (another writer)");
        assertFalse(UnchangedInputsRule.standsAt(new TargetState(P, pair('d', 'b'), null), GOOD), "a revision failed since: held");
        assertFalse(UnchangedInputsRule.standsAt(new TargetState(P, null, P), GOOD), "paused by an emergency rollback");
    }

    private static RevisionPair pair(char config, char releases) {
        return new RevisionPair(new Revision("main", String.valueOf(config).repeat(40)), new Revision("main", String.valueOf(releases).repeat(40)));
    }

    private static DesiredState desired(RevisionPair at, String digest) {
        var revisions = new SourceRevisions(at.config(), null, at.releases(), null);
        return new DesiredState("staging", "ns", revisions, List.of(), List.of(), List.of(), digest);
    }
}
