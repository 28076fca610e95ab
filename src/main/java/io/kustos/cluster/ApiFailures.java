package io.kustos.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.URL;

/**
 * Says why a request to the API server failed: what the server answered, or, when no answer came
 * (fabric8's own message is then only "Operation: [get] ... failed."), the root cause and the
 * server it tried, e.g. {@code ConnectException: Connection refused (API server https://127.0.0.1:6443/)}.
 */
public final class ApiFailures {
    private ApiFailures() {
    }

    /** @param client the client that sent the request, for its server's URL; null: not named */
    public static String describe(KubernetesClientException e, KubernetesClient client) {
        return describe(e, client == null ? null : client.getMasterUrl());
    }

    public static String describe(KubernetesClientException e, URL server) {
        Status s = e.getStatus();
        if (s != null && s.getMessage() != null && !s.getMessage().isBlank()) {
            return s.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
        return e.getCode() > 0 || server == null ? cause : cause + " (API server " + server + ")";
    }
}
