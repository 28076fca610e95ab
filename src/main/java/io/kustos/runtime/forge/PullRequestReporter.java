package io.kustos.runtime.forge;

import io.kustos.runtime.forge.ForgeApi.Comment;
import io.kustos.runtime.forge.ForgeApi.CommitState;

import java.util.List;
import java.util.Optional;

/**
 * Reports on one pull request: Kustos's one comment (found by its marker, created once, then
 * edited in place) and the {@code kustos/preview} status of its head. Every call is retried by
 * {@link ForgeRetry}.
 */
final class PullRequestReporter {
    static final String FORKS_OFF = "previews of forks are off: set previews.allowForks: true in kustos.yaml to preview them";

    private final ForgeApi api;
    private final ForgeRetry retry;

    PullRequestReporter(ForgeApi api, ForgeRetry retry) {
        this.api = api;
        this.retry = retry;
    }

    /**
     * @param conflicts its {@link ConflictSection}, empty when it has none; a verdict to {@link PullRequestPreview.Verdict#tryAgain}
     *                  sets only the status, leaving the comment (the last preview that ran) as it is
     */
    void report(PullRequestEvent pr, PullRequestPreview.Verdict verdict, String conflicts) {
        if (verdict.tryAgain()) {
            retry.run(() -> api.status(pr, CommitState.UNAVAILABLE, verdict.description()));
            return;
        }
        conflicts(pr, verdict.markdown(), conflicts);
        retry.run(() -> api.status(pr, verdict.passed() ? CommitState.SUCCESS : CommitState.FAILURE, verdict.description()));
    }

    /**
     * As {@link #report}, but the status is not set again when the forge already shows it (same state and text on the
     * head): a daemon that becomes the leader again, or restarts, previews the open pull requests again without posting
     * what another run already posted. The comment is edited only when it differs, as always.
     */
    void reportUnlessShown(PullRequestEvent pr, PullRequestPreview.Verdict verdict, String conflicts) {
        if (verdict.tryAgain()) {
            report(pr, verdict, conflicts);
            return;
        }
        conflicts(pr, verdict.markdown(), conflicts);
        CommitState state = verdict.passed() ? CommitState.SUCCESS : CommitState.FAILURE;
        if (!shows(pr, state, verdict.description())) {
            retry.run(() -> api.status(pr, state, verdict.description()));
        }
    }

    /** The forge shows this status on {@code pr}'s head; false when it cannot be read (then it is set). */
    private boolean shows(PullRequestEvent pr, CommitState state, String description) {
        try {
            return retry.call(() -> api.shows(pr, state, description));
        } catch (JsonHttp.CallFailed e) {
            return false;
        }
    }

    /** The head could not be previewed and is not tried again until a new push: the status says so and what to do (not a failure of the change). */
    void gaveUp(PullRequestEvent pr, String description) {
        retry.run(() -> api.status(pr, CommitState.SKIPPED, description));
    }

    /** The comment of {@code markdown} under {@code conflicts}: edited when another pull request changed what it conflicts with. */
    void conflicts(PullRequestEvent pr, String markdown, String conflicts) {
        comment(pr, PreviewComment.of(markdown, conflicts, api.commentLimit()));
    }

    /** The open pull requests of {@code repo}, as previews of their heads. */
    List<PullRequestEvent> open(String repo) {
        return retry.call(() -> api.openPullRequests(repo));
    }

    /**
     * A fork's pull request while previews of forks are off: says so, and how to turn them on.
     *
     * @param status false when its head is another, previewed pull request's: the status of that commit is that one's
     */
    void forksOff(PullRequestEvent pr, boolean status) {
        comment(pr, PreviewComment.forksOff(pr));
        if (status) {
            retry.run(() -> api.status(pr, CommitState.SKIPPED, FORKS_OFF));
        }
    }

    /** Marks the comment outdated, if there is one. */
    void closed(PullRequestEvent pr) {
        ours(pr).ifPresent(c -> {
            String outdated = PreviewComment.outdated(c.body(), pr);
            if (!outdated.equals(c.body())) {
                retry.run(() -> api.editComment(pr, c, outdated));
            }
        });
    }

    private void comment(PullRequestEvent pr, String body) {
        Optional<Comment> ours = ours(pr);
        if (ours.isEmpty()) {
            retry.run(() -> api.createComment(pr, body));
        } else if (!ours.get().body().equals(body)) {
            retry.run(() -> api.editComment(pr, ours.get(), body));
        }
    }

    private Optional<Comment> ours(PullRequestEvent pr) {
        return retry.call(() -> api.comments(pr)).stream().filter(c -> PreviewComment.isOurs(c.body())).findFirst();
    }
}
