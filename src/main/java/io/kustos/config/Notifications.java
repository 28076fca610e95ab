package io.kustos.config;

import io.kustos.outcome.Outcome;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the daemon reports what it did. Every channel is optional; the secrets of each (Slack's
 * webhook URL, tokens) come from files, read at every notification.
 *
 * @param slack   a Slack incoming webhook
 * @param webhook a generic JSON webhook
 * @param github  GitHub commit statuses on the applied commits
 * @param on      which outcomes to send (written {@code applied}, {@code failed}, {@code rolledBack},
 *                {@code driftCorrected}: {@link Outcome#notificationWord()}); default all four
 * @param retries    attempts after the first failed one; default 3
 * @param retryDelay the wait before the first retry, doubled for each next; default 2s
 */
public record Notifications(Slack slack, Webhook webhook, GitHub github, List<Outcome> on, Integer retries,
                            java.time.Duration retryDelay) {
    public static final Notifications NONE = new Notifications(null, null, null, null, null, null);

    public Notifications {
        on = on == null ? Outcome.notifiedOutcomes() : List.copyOf(on);
        retries = retries == null ? 3 : retries;
        retryDelay = retryDelay == null ? java.time.Duration.ofSeconds(2) : retryDelay;
    }

    /** @param webhookUrlFile a file holding the incoming webhook's URL (it is a secret) */
    public record Slack(Path webhookUrlFile) {
    }

    /** @param url where to POST the JSON event; @param tokenFile optional bearer token */
    public record Webhook(String url, Path tokenFile) {
    }

    /**
     * @param tokenFile    a token allowed to write commit statuses
     * @param apiUrl       default {@code https://api.github.com}
     * @param configRepo   {@code owner/name} of the config repo on GitHub (statuses on its commit)
     * @param releasesRepo {@code owner/name} of the release repo
     * @param context      the status context prefix; default {@code kustos} (then {@code kustos/<env>})
     */
    public record GitHub(Path tokenFile, String apiUrl, String configRepo, String releasesRepo, String context) {
        public GitHub {
            apiUrl = apiUrl == null ? "https://api.github.com" : apiUrl.replaceAll("/+$", "");
            context = context == null ? "kustos" : context;
        }
    }
}
