package io.kustos.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.internal.OperationSupport;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.kustos.render.ObjectKey;

import java.io.InterruptedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One server-side apply request ({@code PATCH}, {@code application/apply-patch+yaml}) sent through the client's
 * HTTP client (its interceptors, timeouts and connection pool), with the body serialised once from Kustos's own map
 * and the answer's body never parsed: Kustos uses nothing of it. fabric8's typed {@code resource(…).patch(…)} turned
 * the map into a model object (a serialisation and a parse), serialised that again, and parsed the whole answer
 * (managed fields included) into a model: ~10% of a cold apply's Java CPU (docs/benchmarks.md "Cold apply").
 * A refusal becomes the {@link KubernetesClientException} fabric8 makes of it ({@link OperationSupport#createStatus},
 * {@link OperationSupport#requestFailure}); a request that gets no answer, the {@link KubernetesClientException} fabric8's
 * {@code waitForResult} made of its cause ({@link #failure}). The API server's {@code Warning} headers are logged, scrubbed
 * and once per object and body ({@link ApiServerWarnings}).
 */
final class ApplyPatchRequest {
    static final String CONTENT_TYPE = "application/apply-patch+yaml";
    /** The kinds Kustos applies (a hook's Job too), by their resource (plural) name. */
    private static final Map<String, String> RESOURCES = Map.of("ConfigMap", "configmaps", "Secret", "secrets",
            "Deployment", "deployments", "StatefulSet", "statefulsets", "DaemonSet", "daemonsets", "Job", "jobs");

    private ApplyPatchRequest() {
    }

    /** The object's URL with the apply's parameters, in the order fabric8 builds it: fieldManager, dryRun=All for a dry run, force. */
    static URL url(URL server, ObjectKey key, String fieldManager, boolean force, boolean dryRun) {
        String resource = RESOURCES.get(key.kind());
        if (resource == null) {
            throw new IllegalArgumentException("Kustos does not apply " + key.kind());
        }
        String root = server.toString();
        var url = new StringBuilder(root.length() + 128).append(root, 0, root.endsWith("/") ? root.length() - 1 : root.length())
                .append(key.apiVersion().contains("/") ? "/apis/" : "/api/").append(key.apiVersion())
                .append("/namespaces/").append(key.namespace()).append('/').append(resource).append('/').append(key.name())
                .append("?fieldManager=").append(fieldManager);
        if (dryRun) {
            url.append("&dryRun=All");
        }
        url.append("&force=").append(force);
        try {
            return new URL(url.toString());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /**
     * What fabric8's {@code OperationSupport.waitForResult} made of a request's failure: a {@link KubernetesClientException}
     * as it is, an {@link Error} as it is, anything else wrapped (code 0, so {@code ApiErrors} makes it transient). Not
     * {@code launderThrowable}: it returns a RuntimeException cause as it is, and Vert.x fails an answer whose body breaks
     * off (the connection closed mid-answer) with its own RuntimeExceptions, which would skip the retry and the rollback.
     */
    static RuntimeException failure(Throwable cause) {
        if (cause instanceof KubernetesClientException k) {
            return k;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new KubernetesClientException(String.valueOf(cause.getMessage()), cause);
    }

    /**
     * Sends the apply and waits for its answer; throws what fabric8's typed patch would have thrown for a failure.
     * @param scrub removes the object's Secret values from the API server's warnings
     */
    static void send(KubernetesClient client, URL url, String json, UnaryOperator<String> scrub) {
        var http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().url(url).patch(CONTENT_TYPE, json)
                .timeout(client.getConfiguration().getRequestConfig().getRequestTimeout(), TimeUnit.MILLISECONDS).build();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, byte[].class).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubernetesClientException.launderThrowable(new InterruptedIOException("interrupted while applying " + url.getPath()));
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause());
        }
        ApiServerWarnings.log(url.getPath(), request.method(), json, response.headers("Warning"), scrub);
        if (!response.isSuccessful()) {
            throw OperationSupport.requestFailure(request, OperationSupport.createStatus(response, client.getKubernetesSerialization()));
        }
    }
}
