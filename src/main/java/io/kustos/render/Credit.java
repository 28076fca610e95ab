package io.kustos.render;

import java.util.Map;

/**
 * The commit an object's {@code kustos.io/revision} and {@code kustos.io/author} annotations name:
 * the revision that last changed it. A write for a new commit credits that commit; restoring drift
 * keeps the credit Kustos last wrote, since no commit changed the object.
 */
public record Credit(String revision, String author) {

    /** A ConfigMap or Secret written for {@code rev}: its config commit's author. */
    public static Credit ofConfig(SourceRevisions rev) {
        return new Credit(rev.pair().annotation(), rev.configCommit().author());
    }

    /** A workload written for {@code rev}: its releases commit's author. */
    public static Credit ofReleases(SourceRevisions rev) {
        return new Credit(rev.pair().annotation(), rev.releasesCommit().author());
    }

    /**
     * The credit the live object carries from Kustos's last write ({@code annotations} as live,
     * only when Kustos wrote both), else {@code otherwise} (the object is gone, or was never
     * credited).
     */
    public static Credit kept(Map<String, String> annotations, boolean writtenByKustos, Credit otherwise) {
        String revision = annotations.get(Labels.REVISION);
        String author = annotations.get(Labels.AUTHOR);
        return writtenByKustos && revision != null && author != null ? new Credit(revision, author) : otherwise;
    }

    /** Puts the two annotations into {@code annotations}. */
    public void writeTo(Map<String, String> annotations) {
        annotations.put(Labels.REVISION, revision);
        annotations.put(Labels.AUTHOR, author);
    }
}
