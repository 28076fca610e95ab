package io.kustos.apply;

import io.kustos.failure.FailureReason;
import io.kustos.cluster.ApiFailures;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.failure.KustosException;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;
import io.kustos.render.DesiredConfig;
import io.kustos.render.ObjectKey;

import java.net.URL;
import java.time.Duration;

/** Turns an API error into the kind of failure it is, naming the object (and its repo file when it has one), never a secret value. */
final class ApiErrors {
    private ApiErrors() {
    }

    static KustosException classify(KubernetesClientException e, URL server, ObjectKey key, String verb, DesiredConfig secretSource) {
        return classify(e, server, key.toString(), verb, secretSource);
    }

    /** @param object what the request was about, e.g. {@code config:environments/prod/api/big.yaml: ConfigMap prod/big} */
    static KustosException classify(KubernetesClientException e, URL server, String object, String verb, DesiredConfig secretSource) {
        int code = e.getCode();
        String message = secretSource == null ? serverMessage(e, server)
                : new io.kustos.render.SecretScrubber(java.util.List.of(secretSource)).apply(serverMessage(e, server));
        String what = object + ": " + verb + " ";
        return switch (code) {
            case 409 -> new ApplyException(what + "conflicts with another field manager: " + message
                    + " (Kustos does not force by default: let Kustos own the field, or set sync.force: true)", FailureReason.REFUSED_CONFLICT);
            case 400, 422 -> new ApplyException(what + "was rejected by the API server as invalid: " + message, FailureReason.REFUSED_INVALID);
            case 401, 403 -> new ApplyException(what + "was forbidden by the API server: " + message, FailureReason.REFUSED_FORBIDDEN);
            case 404 -> new ApplyException(what + "failed, not found: " + message, FailureReason.REFUSED_NOT_FOUND);
            case 415 -> new ApplyException(what + "failed: the API server does not support server-side apply (" + message + ")", FailureReason.REFUSED_INVALID);
            case 429 -> new WaitingException(what + "was throttled by the API server (429): " + message, FailureReason.THROTTLED, retryAfter(e));
            default -> new TransientException(what + "failed" + (code > 0 ? " (HTTP " + code + ")" : "") + ": " + message, FailureReason.CLUSTER_UNREACHABLE, null);
        };
    }

    /** The delay the server asks for in its Status ({@code details.retryAfterSeconds}), else 5 seconds. */
    static Duration retryAfter(KubernetesClientException e) {
        var details = e.getStatus() == null ? null : e.getStatus().getDetails();
        Integer seconds = details == null ? null : details.getRetryAfterSeconds();
        return seconds != null && seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofSeconds(5);
    }

    static String serverMessage(KubernetesClientException e, URL server) {
        return ApiFailures.describe(e, server);
    }
}
