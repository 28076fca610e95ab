package io.kustos.runtime.forge;

import io.kustos.reconcile.preview.ChangedItem;

import java.util.SortedSet;
import java.util.TreeSet;

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
     * @param changes     the items a merge would change (keys, workload versions; no value), to find conflicts with other pull requests
     */
    record Verdict(String markdown, boolean passed, String description, SortedSet<ChangedItem> changes) {
        public Verdict {
            changes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(changes));
        }

        /** A verdict that changes nothing another pull request could conflict with. */
        public Verdict(String markdown, boolean passed, String description) {
            this(markdown, passed, description, new TreeSet<>());
        }
    }
}
