package io.kustos.runtime.forge;

import io.kustos.failure.KustosException;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.NotPreviewed;
import io.kustos.reconcile.preview.PreviewFailedText;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.text.Plural;

import java.util.List;
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

    /** The pull request closed: what was kept to preview it (its head's ref in the preview clone) can go. */
    default void closed(Side side, PullRequestEvent pr) {
    }

    /** The repo a pull request is to: the config repo, the release repo, or one repo that is both ({@link PreviewedRepos}). */
    enum Side {
        CONFIG, RELEASES, BOTH;

        /** Its head is previewed as the config repo's revision. */
        public boolean config() {
            return this != RELEASES;
        }

        /** Its head is previewed as the release repo's revision. */
        public boolean releases() {
            return this != CONFIG;
        }
    }

    /**
     * @param markdown    what the comment shows
     * @param passed      nothing would be refused
     * @param description the commit status's: what would change, or the first refusal (file, line, key path, reason)
     * @param changes     the items a merge would change (keys, workload versions; no value), to find conflicts with other pull requests
     * @param tryAgain    the preview could not run for a reason that may pass (the cluster could not be reached): no verdict on
     *                    the change, the comment is left as it is, the preview is tried again later
     * @param fewTries    with {@code tryAgain}: the reason passes soon or not by itself (a git source could not be fetched: a
     *                    forge's pull request ref lagging its webhook, or Kustos's {@code sources.*.url}), so it is tried a few
     *                    times only ({@link PreviewQueue#MOST_TRIES_OF_A_SOURCE})
     */
    record Verdict(String markdown, boolean passed, String description, SortedSet<ChangedItem> changes, boolean tryAgain, boolean fewTries) {
        public Verdict {
            changes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(changes));
        }

        public Verdict(String markdown, boolean passed, String description, SortedSet<ChangedItem> changes) {
            this(markdown, passed, description, changes, false, false);
        }

        /** A verdict that changes nothing another pull request could conflict with. */
        public Verdict(String markdown, boolean passed, String description) {
            this(markdown, passed, description, new TreeSet<>());
        }

        /**
         * Passed unless an environment would be refused; the description says what would change, or the
         * first refusal; {@code changes}, what the pull request changes, go along (to find conflicts with
         * other pull requests). With no refusal but an environment that could not be previewed, it is
         * {@link #tryAgain}: {@code could not be previewed: the cluster of staging could not be reached; Kustos will try again}.
         */
        public static Verdict of(PreviewReport report, String markdown, SortedSet<ChangedItem> changes) {
            List<EnvironmentPreview> refused = report.environments().stream().filter(e -> e.error() != null && !e.unavailable()).toList();
            if (!refused.isEmpty()) {
                EnvironmentPreview first = refused.get(0);
                return new Verdict(markdown, false, first.environment() + ": " + first.error().getMessage(), changes);
            }
            var unavailable = report.environments().stream().filter(EnvironmentPreview::unavailable).findFirst();
            if (unavailable.isPresent()) {
                return notRun(NotPreviewed.why(unavailable.get().environment(), unavailable.get().error()), false);
            }
            long now = report.environments().stream().filter(e -> e.verdict() == EnvironmentPreview.Verdict.CHANGES).count();
            long later = report.environments().stream().filter(e -> e.verdict() == EnvironmentPreview.Verdict.WAITS).count();
            String description = now + later == 0 ? "a merge would change nothing"
                    : "a merge would change " + Plural.of((int) now, "environment") + " at once" + (later == 0 ? "" : ", " + later + " after promotion");
            return new Verdict(markdown, true, description, changes);
        }

        /**
         * The preview failed before any environment: refused when {@code e} is the change's fault (its input),
         * else {@link #tryAgain} (a cluster or git source that could not be reached or fetched); either way without
         * {@code e}'s message (it may name the API server, a git URL, a key file or a host; the daemon logs it), in the
         * fixed words of {@link PreviewFailedText} or {@link NotPreviewed#why}.
         */
        public static Verdict failed(KustosException e) {
            if (NotPreviewed.notTheChanges(e)) {
                return notRun(NotPreviewed.why(null, e), !NotPreviewed.mayPass(e));
            }
            String why = PreviewFailedText.of(e);
            return new Verdict("### Kustos preview\n\nThe preview could not run: " + why + ".\n", false, "could not be previewed: " + why);
        }

        private static Verdict notRun(String why, boolean fewTries) {
            return new Verdict("", false, "could not be previewed: " + why + "; Kustos will try again", new TreeSet<>(), true, fewTries);
        }
    }
}
