package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP requests to the embedded cluster, to see status codes and bodies as a client does. */
final class RawApi {

    /** A response: status code and JSON body. */
    record Reply(int code, JsonNode body) {
        String text(String... path) {
            return Json.text(body, path);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    RawApi(EmbeddedCluster cluster) {
        this.base = cluster.url();
    }

    Reply send(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body().isEmpty() ? Json.object() : Json.parse(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply apply(String path, String manager, boolean force, String yaml) {
        String query = (path.contains("?") ? "&" : "?") + "fieldManager=" + manager + (force ? "&force=true" : "");
        return send("PATCH", path + query, "application/apply-patch+yaml", yaml);
    }
}
