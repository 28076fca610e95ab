package io.kustos.runtime.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kustos.config.PullRequestPreviews.Forge;
import io.kustos.runtime.forge.PullRequestEvent.Action;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a pull request webhook of each forge: GitHub's {@code pull_request}
 * ({@code X-GitHub-Event}), GitLab's {@code Merge Request Hook} ({@code X-Gitlab-Event}), Gitea's
 * {@code pull_request} ({@code X-Gitea-Event}). Every other event (a push, a ping) is not one.
 * GitHub's form-encoded delivery ({@code payload=<json>}) is read as well.
 */
public final class PullRequestEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GITHUB_PREVIEW = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    private static final Set<String> GITEA_PREVIEW = Set.of("opened", "reopened", "synchronized");
    private static final Set<String> GITLAB_PREVIEW = Set.of("open", "reopen", "update");

    private PullRequestEvents() {
    }

    /** Whether the headers announce a pull request event of {@code forge}. */
    public static boolean isPullRequest(Forge forge, UnaryOperator<String> headers) {
        return switch (forge) {
            case GITHUB -> "pull_request".equals(headers.apply("X-GitHub-Event"));
            case GITEA -> "pull_request".equals(headers.apply("X-Gitea-Event"));
            case GITLAB -> "Merge Request Hook".equals(headers.apply("X-Gitlab-Event"));
        };
    }

    /**
     * @param body the raw body of an event {@link #isPullRequest} accepted
     * @return empty when the body is not such an event (then nothing is previewed)
     */
    public static Optional<PullRequestEvent> parse(Forge forge, byte[] body) {
        JsonNode root = json(body);
        if (root == null) {
            return Optional.empty();
        }
        PullRequestEvent event = forge == Forge.GITLAB ? gitlab(root) : githubOrGitea(forge, root);
        return event.repo().isEmpty() || event.number() <= 0 || event.headSha().isEmpty() ? Optional.empty() : Optional.of(event);
    }

    private static PullRequestEvent githubOrGitea(Forge forge, JsonNode root) {
        JsonNode pr = root.path("pull_request");
        String action = root.path("action").asText();
        String base = pr.path("base").path("repo").path("full_name").asText();
        JsonNode headRepo = pr.path("head").path("repo").path("full_name");
        String head = headRepo.isTextual() ? headRepo.asText() : null;
        Action a = (forge == Forge.GITHUB ? GITHUB_PREVIEW : GITEA_PREVIEW).contains(action) ? Action.PREVIEW
                : "closed".equals(action) ? (pr.path("merged").asBoolean(false) ? Action.MERGED : Action.CLOSED) : Action.IGNORED;
        int number = root.path("number").asInt(pr.path("number").asInt());
        return new PullRequestEvent(forge, base, number, pr.path("head").path("sha").asText(), head,
                head == null || !head.equalsIgnoreCase(base), a);
    }

    private static PullRequestEvent gitlab(JsonNode root) {
        JsonNode mr = root.path("object_attributes");
        String action = mr.path("action").asText();
        String base = mr.path("target").path("path_with_namespace").asText(root.path("project").path("path_with_namespace").asText());
        JsonNode source = mr.path("source").path("path_with_namespace");
        String head = source.isTextual() ? source.asText() : null;
        boolean fork = gitLabFork(mr);
        Action a = GITLAB_PREVIEW.contains(action) ? Action.PREVIEW : "merge".equals(action) ? Action.MERGED
                : "close".equals(action) ? Action.CLOSED : Action.IGNORED;
        return new PullRequestEvent(Forge.GITLAB, base, mr.path("iid").asInt(), mr.path("last_commit").path("id").asText(), head, fork, a);
    }

    /** A merge request (a webhook's {@code object_attributes}, or one of a listing) whose source project is not its target. */
    static boolean gitLabFork(JsonNode mr) {
        return !mr.path("source_project_id").isIntegralNumber() || mr.path("source_project_id").asLong() != mr.path("target_project_id").asLong();
    }

    private static JsonNode json(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("payload=")) {
            text = URLDecoder.decode(text.substring("payload=".length()), StandardCharsets.UTF_8);
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
