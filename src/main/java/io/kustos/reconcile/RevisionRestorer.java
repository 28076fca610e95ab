package io.kustos.reconcile;

import io.kustos.diff.Diff;

/** Brings one environment back to an older pair of revisions, rendered from the local clones, without hooks. */
@FunctionalInterface
interface RevisionRestorer {
    /** @return what it changed */
    Diff restore(EnvironmentAccess access, io.kustos.source.RevisionPair revisions);
}
