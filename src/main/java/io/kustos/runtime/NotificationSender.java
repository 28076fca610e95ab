package io.kustos.runtime;

import io.kustos.config.Notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends one notification over HTTP. Secrets (Slack's URL, tokens) are read from their files at
 * every send and appear in no exception message: a failure says the channel, the HTTP status or
 * the kind of I/O error, nothing more.
 */
final class NotificationSender {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Notifications settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    NotificationSender(Notifications settings) {
        this.settings = settings;
    }

    void slack(NotificationEvent e) {
        String url = readSecret("slack", settings.slack().webhookUrlFile());
        post("slack", url, null, NotificationBodies.slack(e));
    }

    void webhook(NotificationEvent e) {
        Path tokenFile = settings.webhook().tokenFile();
        String token = tokenFile == null ? null : readSecret("webhook", tokenFile);
        post("webhook", settings.webhook().url(), token, NotificationBodies.webhook(e));
    }

    void github(NotificationEvent e) {
        Notifications.GitHub gh = settings.github();
        String token = readSecret("github", gh.tokenFile());
        String body = NotificationBodies.githubStatus(e, gh.context());
        if (gh.configRepo() != null) {
            post("github", gh.apiUrl() + NotificationBodies.githubPath(gh.configRepo(), e.config()), token, body);
        }
        if (gh.releasesRepo() != null) {
            post("github", gh.apiUrl() + NotificationBodies.githubPath(gh.releasesRepo(), e.releases()), token, body);
        }
    }

    private void post(String channel, String url, String bearer, String json) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "kustos")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            throw new NotificationException(channel + ": the configured URL is not valid");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if ("github".equals(channel)) {
            request.header("Accept", "application/vnd.github+json");
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException ex) {
            throw new NotificationException(channel + ": " + ex.getClass().getSimpleName());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new NotificationException(channel + ": interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new NotificationException(channel + ": HTTP " + response.statusCode());
        }
    }

    private static String readSecret(String channel, Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new NotificationException(channel + ": " + file + " is empty");
            }
            return value;
        } catch (IOException ex) {
            throw new NotificationException(channel + ": cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** A failed send; the message names the channel and the cause, never a URL or token. */
    static final class NotificationException extends RuntimeException {
        NotificationException(String message) {
            super(message, null, false, false);
        }
    }
}
