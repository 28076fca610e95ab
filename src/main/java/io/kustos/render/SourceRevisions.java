package io.kustos.render;

import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

/** The two commits one desired state was rendered from. */
public record SourceRevisions(Revision config, CommitInfo configCommit, Revision releases, CommitInfo releasesCommit) {
    /** The heads of the two snapshots. */
    public static SourceRevisions of(io.kustos.source.RepoSnapshot config, io.kustos.source.RepoSnapshot releases) {
        return new SourceRevisions(config.revision(), config.head(), releases.revision(), releases.head());
    }

    /** The two revisions, whose {@link RevisionPair#annotation()} is the {@code kustos.io/revision} annotation. */
    public RevisionPair pair() {
        return new RevisionPair(config, releases);
    }
}
