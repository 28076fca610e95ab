package io.kustos.reconcile;

import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;

/** Older commits of the two sources, from the local clones (for rolling back). */
public interface SnapshotLookup {
    RepoSnapshot config(Revision revision);

    RepoSnapshot releases(Revision revision);

    /**
     * The force pushes followed from {@code from} to {@code to}, per source: empty when both
     * descend from {@code from}'s commits (or nothing can be said).
     */
    default java.util.List<io.kustos.history.HistoryRecord.Rewrite> rewrites(io.kustos.source.RevisionPair from,
                                                                             io.kustos.source.RevisionPair to) {
        return java.util.List.of();
    }
}
