package io.kustos.runtime.forge;

import java.util.List;

/**
 * The calls a pull request report makes on a forge's REST API. Each call is one request (a
 * listing may page); a failure throws {@link JsonHttp.CallFailed}, which {@link ForgeRetry} retries.
 */
public interface ForgeApi {
    /** The status context (GitHub, Gitea) or name (GitLab) Kustos writes on a pull request's head. */
    String STATUS_CONTEXT = "kustos/preview";

    /**
     * The open pull requests of {@code repo} ({@code previews.configRepo} or {@code releasesRepo}), each
     * as an event that previews its head.
     */
    List<PullRequestEvent> openPullRequests(String repo);

    /** The comments of the pull request, oldest first. */
    List<Comment> comments(PullRequestEvent pr);

    void createComment(PullRequestEvent pr, String body);

    void editComment(PullRequestEvent pr, Comment comment, String body);

    /** Sets {@link #STATUS_CONTEXT} on the pull request's head commit. */
    void status(PullRequestEvent pr, CommitState state, String description);

    /** The newest {@link #STATUS_CONTEXT} status of the pull request's head has this state and description (as {@link #status} sends it). */
    boolean shows(PullRequestEvent pr, CommitState state, String description);

    /** The longest comment body the forge accepts, in characters. */
    int commentLimit();

    /** A comment: its id as the forge writes it, and its body. */
    record Comment(String id, String body) {
    }

    /** What the commit status says. */
    enum CommitState {
        /** the preview found nothing a merge would be refused for */
        SUCCESS,
        /** a merge would be refused: the description says where and why */
        FAILURE,
        /** not previewed (a fork's pull request while previews.allowForks is false; a git source not fetched after a few tries) */
        SKIPPED,
        /**
         * could not be previewed for a reason that may pass (the cluster could not be reached): no verdict on the
         * change, tried again later; GitHub's and Gitea's {@code error}, GitLab's {@code pending} (its {@code failed}
         * would say the change is bad)
         */
        UNAVAILABLE
    }
}
