package io.kustos.render;

import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;

/** The two commits one desired state was rendered from. */
public record SourceRevisions(Revision config, CommitInfo configCommit, Revision releases, CommitInfo releasesCommit) {
    /** The value of the {@code kustos.io/revision} annotation. */
    public String annotation() {
        return "config=" + config + ";releases=" + releases;
    }
}
