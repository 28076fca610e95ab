package io.kustos.runtime.forge;

import com.fasterxml.jackson.databind.JsonNode;
import io.kustos.config.PullRequestPreviews;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST API (and GitHub Enterprise's, at its apiUrl), and Gitea's, which follows it: pull
 * request comments are issue comments ({@code /repos/{repo}/issues/{n}/comments}, edited at
 * {@code /repos/{repo}/issues/comments/{id}}), statuses go to {@code /repos/{repo}/statuses/{sha}},
 * open pull requests are listed at {@code /repos/{repo}/pulls?state=open}.
 * They differ in the token's scheme ({@code Bearer} on GitHub, {@code token} on Gitea), the
 * state of a status that is neither success nor failure, and in paging the comments.
 */
final class GitHubApi implements ForgeApi {
    /** GitHub refuses comments longer than 65,536 characters; Gitea takes more, the same limit keeps them readable. */
    static final int COMMENT_LIMIT = 65_536;

    private final PullRequestPreviews settings;
    private final JsonHttp http;
    private final boolean gitea;

    GitHubApi(PullRequestPreviews settings, JsonHttp http) {
        this.settings = settings;
        this.http = http;
        this.gitea = settings.forge() == PullRequestPreviews.Forge.GITEA;
    }

    @Override
    public List<PullRequestEvent> openPullRequests(String repo) {
        List<PullRequestEvent> all = new ArrayList<>();
        ForgeJson.paged(page -> http.send(channel(), "GET", settings.apiUrl() + "/repos/" + repo + "/pulls?state=open" + paging(page, "&"), headers(), null),
                p -> {
                    JsonNode headRepo = p.path("head").path("repo").path("full_name");
                    String head = headRepo.isTextual() ? headRepo.asText() : null;
                    all.add(new PullRequestEvent(settings.forge(), repo, p.path("number").asInt(), p.path("head").path("sha").asText(), head,
                            head == null || !head.equalsIgnoreCase(repo), PullRequestEvent.Action.PREVIEW));
                });
        return all;
    }

    @Override
    public List<Comment> comments(PullRequestEvent pr) {
        List<Comment> all = new ArrayList<>();
        ForgeJson.paged(page -> http.send(channel(), "GET", repo(pr) + "/issues/" + pr.number() + "/comments" + paging(page, "?"), headers(), null),
                c -> all.add(new Comment(c.path("id").asText(), c.path("body").asText())));
        return all;
    }

    /** One page's query: {@code ?per_page=100&page=2} (Gitea {@code ?page=2&limit=100}), after {@code separator}. */
    private String paging(int page, String separator) {
        return separator + (gitea ? "page=" + page + "&limit=" + ForgeJson.PAGE : "per_page=" + ForgeJson.PAGE + "&page=" + page);
    }

    @Override
    public void createComment(PullRequestEvent pr, String body) {
        http.send(channel(), "POST", repo(pr) + "/issues/" + pr.number() + "/comments", headers(), ForgeJson.body(body));
    }

    @Override
    public void editComment(PullRequestEvent pr, Comment comment, String body) {
        http.send(channel(), "PATCH", repo(pr) + "/issues/comments/" + comment.id(), headers(), ForgeJson.body(body));
    }

    @Override
    public void status(PullRequestEvent pr, CommitState state, String description) {
        http.send(channel(), "POST", repo(pr) + "/statuses/" + pr.headSha(), headers(), ForgeJson.status(word(state), "context", description));
    }

    /** {@code GET /repos/{repo}/commits/{sha}/statuses}: its first page, newest first, is enough for the newest of ours. */
    @Override
    public boolean shows(PullRequestEvent pr, CommitState state, String description) {
        JsonNode statuses = ForgeJson.read(http.send(channel(), "GET", repo(pr) + "/commits/" + pr.headSha() + "/statuses", headers(), null));
        // GitHub lists a status's state as "state", Gitea as "status" (its CommitStatus JSON)
        return ForgeJson.newest(statuses, "context").map(s -> ForgeJson.same(s, gitea ? "status" : "state", word(state), description)).orElse(false);
    }

    private String word(CommitState state) {
        return switch (state) {
            case SUCCESS -> "success";
            case FAILURE -> "failure";
            case SKIPPED -> gitea ? "warning" : "error";
            case UNAVAILABLE -> "error";
        };
    }

    @Override
    public int commentLimit() {
        return COMMENT_LIMIT;
    }

    private String channel() {
        return settings.forge().word();
    }

    private String repo(PullRequestEvent pr) {
        return settings.apiUrl() + "/repos/" + pr.repo();
    }

    private Map<String, String> headers() {
        String token = JsonHttp.token(channel(), settings.tokenFile());
        return gitea ? Map.of("Authorization", "token " + token, "Accept", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Accept", "application/vnd.github+json");
    }
}
