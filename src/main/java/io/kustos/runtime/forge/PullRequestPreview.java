package io.kustos.runtime.forge;

/**
 * Previews a pull request's head against the live cluster, writing nothing to it: the daemon's
 * wiring runs {@code kustos preview}'s pipeline; tests pass a fake.
 */
@FunctionalInterface
public interface PullRequestPreview {
    /**
     * @param side which repo the pull request is to
     * @param pr   the pull request; its head commit is previewed
     */
    Verdict preview(Side side, PullRequestEvent pr);

    /** The repo a pull request is to. */
    enum Side { CONFIG, RELEASES }

    /**
     * @param markdown    what the comment shows
     * @param passed      nothing would be refused
     * @param description the commit status's: what would change, or the first refusal (file, line, key path, reason)
     */
    record Verdict(String markdown, boolean passed, String description) {
    }
}
