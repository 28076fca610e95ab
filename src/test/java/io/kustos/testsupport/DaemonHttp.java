package io.kustos.testsupport;

import io.kustos.runtime.WebhookProvider;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Calls a running daemon's HTTP endpoints on 127.0.0.1, and waits for conditions. */
public final class DaemonHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public DaemonHttp(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POSTs {@code body} to /hooks/&lt;provider&gt;, signed with {@code secret} unless it is null. */
    public HttpResponse<String> hook(WebhookProvider provider, String body, String secret) {
        return hook(provider, body, secret, java.util.Map.of());
    }

    /** As {@link #hook(WebhookProvider, String, String)}, with {@code headers} such as the event's ({@code X-GitHub-Event: pull_request}). */
    public HttpResponse<String> hook(WebhookProvider provider, String body, String secret, java.util.Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(uri("/hooks/" + provider.path())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        if (secret != null) {
            request.header(provider.header(), provider.sign(bytes, secret.getBytes(StandardCharsets.UTF_8)));
        }
        return send(request);
    }

    public HttpResponse<String> post(String path, byte[] body, String header, String value) {
        var request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) {
            request.header(header, value);
        }
        return send(request);
    }

    /** Waits up to {@code timeout} for {@code condition}: a RuntimeException while checking counts as "not yet", an AssertionError fails at once. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(50)).pollInSameThread()
                .ignoreExceptionsInstanceOf(RuntimeException.class)
                .until(condition::getAsBoolean);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
