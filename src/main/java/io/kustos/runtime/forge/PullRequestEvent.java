package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews.Forge;

/**
 * What a pull request (merge request) webhook says, as far as previews need it.
 *
 * @param repo     the base repo the pull request targets ({@code owner/name}, GitLab: the project's path)
 * @param number   its number (GitLab: the merge request's iid)
 * @param headSha  the commit at its head
 * @param headRepo the repo its head lives in (null when the forge no longer knows it, as a deleted fork)
 * @param fromFork its head lives in another repo than {@code repo}
 * @param action   what the event asks of Kustos
 */
public record PullRequestEvent(Forge forge, String repo, int number, String headSha, String headRepo, boolean fromFork,
                               Action action) {

    /** What Kustos does on the event. */
    public enum Action {
        /** opened, reopened, pushed to: preview its head */
        PREVIEW,
        /** closed without a merge: the comment is marked outdated */
        CLOSED,
        /** merged: the comment is marked outdated */
        MERGED,
        /** an edit of its title, a label, a review...: nothing */
        IGNORED;

        /** It ends the pull request: closed or merged. */
        public boolean closes() {
            return this == CLOSED || this == MERGED;
        }
    }

    /** What its forge calls it: {@code merge request} on GitLab, else {@code pull request}. */
    public String noun() {
        return noun(forge);
    }

    /** What {@code forge} calls a pull request: {@code merge request} on GitLab, else {@code pull request}. */
    public static String noun(Forge forge) {
        return forge == Forge.GITLAB ? "merge request" : "pull request";
    }

    /**
     * One pull request, whatever its events: {@code owner/name#12}, in lower case, as forges match repo names
     * (a webhook's spelling and kustos.yaml's may differ in case).
     */
    public String key() {
        return repo.toLowerCase(java.util.Locale.ROOT) + "#" + number;
    }

    /** The ref the forge keeps the head under, in the base repo (GitHub, Gitea: {@code refs/pull/N/head}; GitLab: {@code refs/merge-requests/N/head}). */
    public String headRef() {
        return (forge == Forge.GITLAB ? "refs/merge-requests/" : "refs/pull/") + number + "/head";
    }

    /**
     * How a comment on a pull request of {@code fromRepo} names this one, so that the forge links it:
     * {@code #14} in the same repo, {@code platform/releases#3} in another (GitLab: {@code !14}).
     */
    public String reference(String fromRepo) {
        return (repo.equalsIgnoreCase(fromRepo) ? "" : repo) + (forge == Forge.GITLAB ? "!" : "#") + number;
    }

    @Override
    public String toString() {
        return key() + " @ " + (headSha == null ? "?" : headSha.substring(0, Math.min(7, headSha.length())));
    }
}
