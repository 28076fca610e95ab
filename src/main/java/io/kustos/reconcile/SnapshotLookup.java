package io.kustos.reconcile;

import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;

/** Older commits of the two sources, from the local clones (for rolling back). */
public interface SnapshotLookup {
    RepoSnapshot config(Revision revision);

    RepoSnapshot releases(Revision revision);

    /**
     * Where {@code from}, an earlier commit of {@code source} ({@code config} or {@code releases}),
     * stands to its head {@code to} ({@link io.kustos.source.GitSource#lineage}). A lookup without
     * clones cannot tell, and says the head descends from it.
     */
    default io.kustos.source.Lineage lineage(String source, Revision from, Revision to) {
        return io.kustos.source.Lineage.ANCESTOR;
    }
}
