package io.kustos.reconcile;

import io.kustos.diff.Diff;
import io.kustos.failure.KustosException;
import io.kustos.source.RevisionPair;
import io.kustos.text.Plural;

/**
 * What a write that failed in the write phase (after its retries) left in the environment, in
 * words: put back to the last good revision, or left as written and why.
 */
final class WriteFailures {
    private WriteFailures() {
    }

    /** {@code failure}, saying that the environment was put back to {@code restored} and how many objects that changed. */
    static String putBack(KustosException failure, RevisionPair restored, Diff rollback) {
        int objects = rollback == null ? 0 : rollback.size();
        return failure.getMessage() + "\nthe environment was put back to its last good revision " + restored
                + (objects == 0 ? " (nothing of the failed revision had been written)" : " (" + Plural.of(objects, "object") + " restored)");
    }

    /** {@code failure}, saying that what was written before it stays, and {@code why} it was not put back. */
    static KustosException leftAsWritten(KustosException failure, String why) {
        return failure.restated(failure.getMessage() + "\nwhat was written of the revision before the failure stays, not put back: " + why);
    }
}
