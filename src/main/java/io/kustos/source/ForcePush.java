package io.kustos.source;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A branch head that moved to a commit that does not descend from the previous head: the branch
 * was force-pushed, and the commits after their common ancestor were rewritten away.
 *
 * @param branch the branch
 * @param oldSha the head before (the last one fetched)
 * @param newSha the head now, which does not descend from {@code oldSha}
 */
public record ForcePush(String branch, String oldSha, String newSha) {

    /**
     * Whether {@code newHead} rewrote {@code oldHead} away, read in {@code repo}, which must hold
     * both commits. @return empty for a fast-forward, or when there was no old head
     */
    static Optional<ForcePush> between(Repository repo, String branch, ObjectId oldHead, ObjectId newHead) throws IOException {
        if (oldHead == null || oldHead.equals(newHead) || !repo.getObjectDatabase().has(oldHead)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            boolean fastForward = walk.isMergedInto(walk.parseCommit(oldHead), walk.parseCommit(newHead));
            return fastForward ? Optional.empty() : Optional.of(new ForcePush(branch, oldHead.name(), newHead.name()));
        }
    }

    /** {@code main moved from 1a2b3c4 to 5d6e7f8, which does not descend from it} */
    public String describe() {
        return describe("");
    }

    /** As {@link #describe()}, with {@code oldNote} after the old head, e.g. {@code " (the last good revision of staging)"}. */
    String describe(String oldNote) {
        return "branch " + branch + " was force-pushed: its head moved from " + oldSha + oldNote + " to " + newSha
                + ", which does not descend from it";
    }
}
