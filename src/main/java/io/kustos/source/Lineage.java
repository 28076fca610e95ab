package io.kustos.source;

/**
 * Where an earlier commit of a branch (an environment's last good revision) stands to the head
 * just read ({@link GitSource#lineage}): a force push rewrote it away, or not.
 */
public enum Lineage {
    /** The head descends from it: the branch moved forward. */
    ANCESTOR,
    /** It is still on the branch, newer than the head read (another writer read the branch later): no force push. */
    NEWER_ON_BRANCH,
    /** It is in the clone, but no longer on the branch: a force push rewrote it away. */
    REWRITTEN,
    /** A complete fetch of the branch does not hold it: rewritten away (by a force push) before this clone was made. */
    GONE;

    /** Whether the branch was force-pushed since that commit. */
    public boolean rewritten() {
        return this == REWRITTEN || this == GONE;
    }
}
