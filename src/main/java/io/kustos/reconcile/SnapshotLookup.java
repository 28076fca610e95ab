package io.kustos.reconcile;

import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;

/** Older commits of the two sources, from the local clones (for rolling back). */
public interface SnapshotLookup {
    RepoSnapshot config(Revision revision);

    RepoSnapshot releases(Revision revision);
}
