package io.kustos.runtime;

import io.kustos.config.Notifications;
import io.kustos.runtime.forge.JsonHttp;

import java.nio.file.Path;
import java.util.Map;

/**
 * Sends one notification over HTTP. Secrets (Slack's URL, tokens) are read from their files at
 * every send and appear in no exception message: a failure says the channel, the HTTP status or
 * the kind of I/O error, nothing more.
 */
final class NotificationSender {
    private final Notifications settings;
    private final JsonHttp http = new JsonHttp();

    NotificationSender(Notifications settings) {
        this.settings = settings;
    }

    void slack(NotificationEvent e) {
        String url = JsonHttp.secret("slack", settings.slack().webhookUrlFile());
        post("slack", url, JsonHttp.hostOnly("POST", url), null, NotificationBodies.slack(e));
    }

    void webhook(NotificationEvent e) {
        Path tokenFile = settings.webhook().tokenFile();
        String token = tokenFile == null ? null : JsonHttp.secret("webhook", tokenFile);
        post("webhook", settings.webhook().url(), JsonHttp.hostOnly("POST", settings.webhook().url()), token, NotificationBodies.webhook(e));
    }

    void github(NotificationEvent e) {
        Notifications.GitHub gh = settings.github();
        String token = JsonHttp.secret("github", gh.tokenFile());
        String body = NotificationBodies.githubStatus(e, gh.context());
        for (String path : statusPaths(gh, e)) {
            post("github", gh.apiUrl() + path, "POST " + path, token, body);
        }
    }

    /**
     * Where the statuses of {@code e} go, each once: one repo holding both config and releases (the two
     * revisions one commit) gets one {@code kustos/<env>} status on it, not one per side.
     */
    static java.util.Set<String> statusPaths(Notifications.GitHub gh, NotificationEvent e) {
        var paths = new java.util.TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        if (gh.configRepo() != null) {
            paths.add(NotificationBodies.githubPath(gh.configRepo(), e.config()));
        }
        if (gh.releasesRepo() != null) {
            paths.add(NotificationBodies.githubPath(gh.releasesRepo(), e.releases()));
        }
        return paths;
    }

    /** @param call what a failure may name of the request: never a secret path (Slack's URL is its key) */
    private void post(String channel, String url, String call, String bearer, String json) {
        http.post(channel, url, call, bearer, json, "github".equals(channel) ? Map.of("Accept", "application/vnd.github+json") : Map.of());
    }
}
