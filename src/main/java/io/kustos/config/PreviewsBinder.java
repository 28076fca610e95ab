package io.kustos.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** Reads {@code previews:} of kustos.yaml ({@link PullRequestPreviews}). */
final class PreviewsBinder {
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    /** GitLab projects sit in groups and subgroups: {@code group/sub/name}. */
    private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");

    private PreviewsBinder() {
    }

    static PullRequestPreviews previews(ConfigNode node) {
        if (node == null) {
            return null;
        }
        PullRequestPreviews.Forge forge = forge(node);
        String apiUrl = DaemonBinder.url(node, "apiUrl", forge == PullRequestPreviews.Forge.GITEA);
        String configRepo = repo(node, forge, "configRepo");
        String releasesRepo = repo(node, forge, "releasesRepo");
        if (!node.has("configRepo") && !node.has("releasesRepo")) {
            node.problem("set configRepo or releasesRepo or both: the repos whose pull requests are previewed");
        }
        return new PullRequestPreviews(forge, apiUrl, DaemonBinder.required(node, node.path("tokenFile"), "tokenFile"),
                configRepo, releasesRepo, node.bool("allowForks"), node.integer("retries", 0, 10),
                node.duration("retryDelay", Duration.ofMillis(10), "10ms"));
    }

    private static PullRequestPreviews.Forge forge(ConfigNode node) {
        String word = node.string("forge");
        if (word == null) {
            if (!node.has("forge")) {
                node.problem("forge", "required: github, gitlab or gitea");
            }
            return null;
        }
        PullRequestPreviews.Forge forge = PullRequestPreviews.Forge.of(word);
        if (forge == null) {
            node.problem("forge", "\"" + word + "\" is not a forge Kustos speaks to: github, gitlab or gitea");
        }
        return forge;
    }

    private static String repo(ConfigNode node, PullRequestPreviews.Forge forge, String field) {
        String text = node.string(field);
        if (text == null) {
            return null;
        }
        boolean gitlab = forge == PullRequestPreviews.Forge.GITLAB;
        if (!(gitlab ? PROJECT_PATH : OWNER_NAME).matcher(text).matches()) {
            node.problem(field, "\"" + text + "\" is not " + (gitlab ? "a project path (group/name)" : "owner/name"));
            return null;
        }
        return text;
    }
}
