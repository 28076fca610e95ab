package io.kustos.runtime.forge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sends JSON to an HTTP API (notifications, forges) and reads the answer. Secrets (URLs, tokens)
 * are read from their files at every call and appear in no exception message: a failure says
 * the channel, the HTTP status or the kind of I/O error, nothing more.
 */
public final class JsonHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The longest forge message a failure keeps. */
    static final int ANSWER_LIMIT = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Duration timeout;

    public JsonHttp() {
        this(TIMEOUT);
    }

    /** @param timeout how long one request may take */
    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * A forge API's call: a failure names it by method and path ({@code GET /repos/o/r/pulls}), which name repos and
     * pull requests, never a secret. A URL whose path may be a secret (a notification's) goes through
     * {@link #send(String, String, String, String, Map, String)} with the caller's words for it.
     *
     * @param channel what the call is for, as failures name it
     * @param json    the body, or null for none
     * @return the response body (2xx)
     * @throws CallFailed any other status, a bad URL, an I/O error
     */
    public String send(String channel, String method, String url, Map<String, String> headers, String json) {
        String path;
        try {
            path = URI.create(url).getRawPath();
        } catch (IllegalArgumentException ex) {
            throw CallFailed.fix(channel + ": the configured URL is not valid");
        }
        return send(channel, method, url, method + " " + path, headers, json);
    }

    /**
     * @param call the request as failures may name it ({@link CallFailed#call()}): the caller's words, since only it
     *             knows what of its URL is secret (a Slack incoming webhook's path is its key)
     */
    public String send(String channel, String method, String url, String call, Map<String, String> headers, String json) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("User-Agent", "kustos")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            throw CallFailed.fix(channel + ": the configured URL is not valid");
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new CallFailed(channel + ": " + ex.getClass().getSimpleName(), 0, OptionalLong.empty(), call, "");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CallFailed(channel + ": interrupted", 0, OptionalLong.empty());
        }
        if (response.statusCode() / 100 != 2) {
            throw new CallFailed(channel + ": HTTP " + response.statusCode(), response.statusCode(),
                    response.headers().firstValue("Retry-After").map(JsonHttp::seconds).orElse(OptionalLong.empty()),
                    call, answer(response.body()));
        }
        return response.body();
    }

    /**
     * POSTs {@code json}, with {@code Authorization: Bearer <bearer>} when given.
     *
     * @param call what a failure may name of the request (see {@link #send(String, String, String, String, Map, String)})
     */
    public void post(String channel, String url, String call, String bearer, String json, Map<String, String> headers) {
        var all = new java.util.LinkedHashMap<>(headers);
        if (bearer != null) {
            all.put("Authorization", "Bearer " + bearer);
        }
        send(channel, "POST", url, call, all, json);
    }

    /** {@code POST hooks.slack.com/…}: the method and host of {@code url}, its path and query left out (they may be its key). */
    public static String hostOnly(String method, String url) {
        try {
            String host = URI.create(url).getHost();
            return method + " " + (host == null ? "the configured URL" : host + "/…");
        } catch (IllegalArgumentException ex) {
            return method + " the configured URL";
        }
    }

    /** The stripped content of a secret file; a missing or empty file fails naming the file, never its content. */
    public static String secret(String channel, Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw CallFailed.fix(channel + ": " + file + " is empty");
            }
            return value;
        } catch (IOException ex) {
            throw CallFailed.fix(channel + ": cannot read " + file + " (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** The forge token of {@code previews.tokenFile}; a file that cannot be read fails naming the field, the path and what to do. */
    static String token(String channel, Path file) {
        try {
            Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException ex) {
            throw CallFailed.fix(channel + ": " + TokenFile.FIELD + ": " + file + " " + TokenFile.why(ex) + "; " + TokenFile.TO_DO);
        }
        return secret(channel, file);
    }

    /** The {@code message} of an error's JSON body (GitHub, GitLab, Gitea), on one line, at most {@value #ANSWER_LIMIT} characters; empty when none. */
    static String answer(String body) {
        try {
            var message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body == null ? "" : body).path("message");
            String text = message.isTextual() ? message.asText() : message.isMissingNode() || message.isNull() ? "" : message.toString();
            text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return text.length() <= ANSWER_LIMIT ? text : text.substring(0, ANSWER_LIMIT - 1) + "…";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Retry-After in seconds (its HTTP-date form is not used by the forges). */
    private static OptionalLong seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? OptionalLong.of(s) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A failed call; the message names the channel and the cause, never a URL or token.
     *
     * @param status     the HTTP status, 0 when none came back (I/O), -1 when nothing was sent
     * @param retryAfter the Retry-After the server asked for, in seconds
     */
    public static final class CallFailed extends RuntimeException {
        private final int status;
        private final transient OptionalLong retryAfter;
        private final String call;
        private final String answer;

        CallFailed(String message, int status, OptionalLong retryAfter) {
            this(message, status, retryAfter, "", "");
        }

        CallFailed(String message, int status, OptionalLong retryAfter, String call, String answer) {
            super(message, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.call = call;
            this.answer = answer;
        }

        /**
         * The request as its caller said it may be named: for a forge, method and path ({@code GET /repos/o/r/issues/14/comments}),
         * no host, query nor token; for a Slack webhook, method and host only (its path is its key); empty when nothing was sent.
         */
        public String call() {
            return call;
        }

        /** What the server said in its error body's {@code message} ({@code Bad credentials}), empty when nothing. */
        public String answer() {
            return answer;
        }

        public int status() {
            return status;
        }

        public OptionalLong retryAfter() {
            return retryAfter;
        }

        /** A failure a person must fix (a bad URL, a missing token file): sent nowhere, so no status. */
        static CallFailed fix(String message) {
            return new CallFailed(message, -1, OptionalLong.empty());
        }

        /** Worth another try: no answer (I/O), 429 (rate limited), 408 or 5xx; any other 4xx, a bad URL or token file is final. */
        public boolean retryable() {
            return status == 0 || status == 429 || status == 408 || status >= 500;
        }
    }
}
