package io.kustos.reconcile;

import io.kustos.cluster.HeldLock;
import io.kustos.diff.Diff;
import io.kustos.source.RevisionPair;

/** Brings one environment back to an older pair of revisions, rendered from the local clones, without hooks. */
@FunctionalInterface
interface RevisionRestorer {
    /**
     * @param lock the environment's write lock, held by the caller (the run rolling back, an emergency rollback): checked
     *             before each write phase; null where there is none
     * @return what it changed
     */
    Diff restore(EnvironmentAccess access, RevisionPair revisions, HeldLock lock);
}
