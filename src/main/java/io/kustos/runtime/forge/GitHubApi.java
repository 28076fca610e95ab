package io.kustos.runtime.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.config.PullRequestPreviews;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's REST API (and GitHub Enterprise's, at its apiUrl), and Gitea's, which follows it: pull
 * request comments are issue comments ({@code /repos/{repo}/issues/{n}/comments}, edited at
 * {@code /repos/{repo}/issues/comments/{id}}), statuses go to {@code /repos/{repo}/statuses/{sha}}.
 * They differ in the token's scheme ({@code Bearer} on GitHub, {@code token} on Gitea), the
 * state of a status that is neither success nor failure, and in paging the comments.
 */
final class GitHubApi implements ForgeApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GitHub refuses comments longer than 65,536 characters; Gitea takes more, the same limit keeps them readable. */
    static final int COMMENT_LIMIT = 65_536;
    /** GitHub refuses longer status descriptions. */
    static final int DESCRIPTION_LIMIT = 140;
    private static final int PAGE = 100;

    private final PullRequestPreviews settings;
    private final JsonHttp http;
    private final boolean gitea;

    GitHubApi(PullRequestPreviews settings, JsonHttp http) {
        this.settings = settings;
        this.http = http;
        this.gitea = settings.forge() == PullRequestPreviews.Forge.GITEA;
    }

    @Override
    public List<Comment> comments(PullRequestEvent pr) {
        List<Comment> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            String paging = gitea ? "?page=" + page + "&limit=" + PAGE : "?per_page=" + PAGE + "&page=" + page;
            JsonNode items = read(http.send(channel(), "GET", repo(pr) + "/issues/" + pr.number() + "/comments" + paging, headers(), null));
            items.forEach(c -> all.add(new Comment(c.path("id").asText(), c.path("body").asText())));
            if (items.size() < PAGE) {
                return all;
            }
        }
    }

    @Override
    public void createComment(PullRequestEvent pr, String body) {
        http.send(channel(), "POST", repo(pr) + "/issues/" + pr.number() + "/comments", headers(), body(body));
    }

    @Override
    public void editComment(PullRequestEvent pr, Comment comment, String body) {
        http.send(channel(), "PATCH", repo(pr) + "/issues/comments/" + comment.id(), headers(), body(body));
    }

    @Override
    public void status(PullRequestEvent pr, CommitState state, String description) {
        String word = switch (state) {
            case SUCCESS -> "success";
            case FAILURE -> "failure";
            case SKIPPED -> gitea ? "warning" : "error";
        };
        http.send(channel(), "POST", repo(pr) + "/statuses/" + pr.headSha(), headers(), status(word, "context", description));
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
        String token = JsonHttp.secret(channel(), settings.tokenFile());
        return gitea ? Map.of("Authorization", "token " + token, "Accept", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Accept", "application/vnd.github+json");
    }

    /** A commit status: its state as the forge words it, {@link #STATUS_CONTEXT} under {@code contextField}, the description cut to fit. */
    static String status(String state, String contextField, String description) {
        ObjectNode json = JSON.createObjectNode();
        json.put("state", state);
        json.put(contextField, STATUS_CONTEXT);
        json.put("description", Descriptions.fit(description, DESCRIPTION_LIMIT));
        return json.toString();
    }

    static String body(String body) {
        return JSON.createObjectNode().put("body", body).toString();
    }

    static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || !node.isArray() ? JSON.createArrayNode() : node;
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}
