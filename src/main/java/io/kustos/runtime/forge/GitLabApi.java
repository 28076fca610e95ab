package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import io.kustos.config.PullRequestPreviews.Forge;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitLab's REST API (v4): a merge request's comments are its notes
 * ({@code /projects/{path}/merge_requests/{iid}/notes}, edited with PUT), the status is a commit
 * status ({@code /projects/{path}/statuses/{sha}}, named {@code kustos/preview}); the token goes in
 * {@code PRIVATE-TOKEN}; the project is named by its URL-encoded path. Open merge requests are
 * listed at {@code /projects/{path}/merge_requests?state=opened}.
 */
final class GitLabApi implements ForgeApi {
    /** GitLab refuses notes longer than 1,000,000 characters. */
    static final int COMMENT_LIMIT = 1_000_000;

    private final PullRequestPreviews settings;
    private final JsonHttp http;

    GitLabApi(PullRequestPreviews settings, JsonHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public List<PullRequestEvent> openPullRequests(String repo) {
        List<PullRequestEvent> all = new ArrayList<>();
        ForgeJson.paged(page -> http.send("gitlab", "GET", project(repo) + "/merge_requests?state=opened&per_page=" + ForgeJson.PAGE + "&page=" + page,
                headers(), null), mr -> {
            boolean fork = PullRequestEvents.gitLabFork(mr);
            all.add(new PullRequestEvent(Forge.GITLAB, repo, mr.path("iid").asInt(), mr.path("sha").asText(), fork ? null : repo, fork,
                    PullRequestEvent.Action.PREVIEW));
        });
        return all;
    }

    @Override
    public List<Comment> comments(PullRequestEvent pr) {
        List<Comment> all = new ArrayList<>();
        ForgeJson.paged(page -> http.send("gitlab", "GET", notes(pr) + "?sort=asc&order_by=created_at&per_page=" + ForgeJson.PAGE + "&page=" + page,
                headers(), null), c -> all.add(new Comment(c.path("id").asText(), c.path("body").asText())));
        return all;
    }

    @Override
    public void createComment(PullRequestEvent pr, String body) {
        http.send("gitlab", "POST", notes(pr), headers(), ForgeJson.body(body));
    }

    @Override
    public void editComment(PullRequestEvent pr, Comment comment, String body) {
        http.send("gitlab", "PUT", notes(pr) + "/" + comment.id(), headers(), ForgeJson.body(body));
    }

    @Override
    public void status(PullRequestEvent pr, CommitState state, String description) {
        http.send("gitlab", "POST", project(pr) + "/statuses/" + pr.headSha(), headers(), ForgeJson.status(word(state), "name", description));
    }

    /** {@code GET /projects/{path}/repository/commits/{sha}/statuses?name=kustos/preview}. */
    @Override
    public boolean shows(PullRequestEvent pr, CommitState state, String description) {
        var statuses = ForgeJson.read(http.send("gitlab", "GET", project(pr) + "/repository/commits/" + pr.headSha() + "/statuses?name="
                + URLEncoder.encode(STATUS_CONTEXT, StandardCharsets.UTF_8), headers(), null));
        return ForgeJson.newest(statuses, "name").map(s -> ForgeJson.same(s, "status", word(state), description)).orElse(false);
    }

    private static String word(CommitState state) {
        return switch (state) {
            case SUCCESS -> "success";
            case FAILURE -> "failed";
            case SKIPPED -> "skipped";
            case UNAVAILABLE -> "pending";
        };
    }

    @Override
    public int commentLimit() {
        return COMMENT_LIMIT;
    }

    private String project(PullRequestEvent pr) {
        return project(pr.repo());
    }

    private String project(String repo) {
        return settings.apiUrl() + "/projects/" + URLEncoder.encode(repo, StandardCharsets.UTF_8);
    }

    private String notes(PullRequestEvent pr) {
        return project(pr) + "/merge_requests/" + pr.number() + "/notes";
    }

    private Map<String, String> headers() {
        return Map.of("PRIVATE-TOKEN", JsonHttp.token("gitlab", settings.tokenFile()));
    }
}
