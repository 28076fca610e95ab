package io.kustos.reconcile;

import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;

/** Older commits of the two sources, from the local clones (for rolling back). */
public interface SnapshotLookup {
    RepoSnapshot config(Revision revision);

    RepoSnapshot releases(Revision revision);

    /** Revision strings {@code config=…;releases=…} as written in the annotations and the state. */
    static Revision[] parse(String annotation) {
        String[] parts = annotation.split(";");
        return new Revision[] {Revision.parse(parts[0].substring("config=".length())),
                Revision.parse(parts[1].substring("releases=".length()))};
    }
}
