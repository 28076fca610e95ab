package io.kustos.cluster;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.failure.KustosException;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;

import java.net.URL;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Turns an API error into the kind of failure it is, naming the object (and its repo file when it has one), never a secret value. */
public final class ApiErrors {
    private ApiErrors() {
    }

    /**
     * @param object what the request was about, e.g. {@code config:environments/prod/api/big.yaml: ConfigMap prod/big}
     * @param scrub  takes out of the server's message the secret values the request carried
     */
    public static KustosException classify(KubernetesClientException e, URL server, String object, String verb, UnaryOperator<String> scrub) {
        int code = e.getCode();
        String message = scrub.apply(serverMessage(e, server));
        String what = object + ": " + verb + " ";
        return switch (code) {
            case 409 -> new ApplyException(what + "conflicts with another field manager: " + message
                    + " (Kustos does not force by default: let Kustos own the field, or set sync.force: true)", FailureReason.REFUSED_CONFLICT);
            case 400, 422 -> new ApplyException(what + "was rejected by the API server as invalid: " + message, FailureReason.REFUSED_INVALID);
            case 401, 403 -> new ApplyException(what + "was forbidden by the API server: " + message, FailureReason.REFUSED_FORBIDDEN);
            case 404 -> new ApplyException(what + "failed, not found: " + message, FailureReason.REFUSED_NOT_FOUND);
            case 413 -> new ApplyException(what + "was refused by the API server as too large (413): " + message
                    + " (a request carries at most 3 MiB and an object at most about 1.5 MiB in etcd: split the file's data over several objects)",
                    FailureReason.REFUSED_INVALID);
            case 415 -> new ApplyException(what + "failed: the API server does not support server-side apply (" + message + ")", FailureReason.REFUSED_INVALID);
            case 429 -> new WaitingException(what + "was throttled by the API server (429): " + message, FailureReason.THROTTLED, retryAfter(e));
            default -> new TransientException(what + "failed" + (code > 0 ? " (HTTP " + code + ")" : "") + ": " + message, FailureReason.CLUSTER_UNREACHABLE, null);
        };
    }

    /**
     * As {@link #classify}, for a server-side apply: a 409 that is not a conflict with another
     * field manager (the object was modified or created between Kustos's read and its write) is
     * {@link FailureReason#CHANGED_DURING_WRITE}, which a retry may pass: the apply carries no
     * resourceVersion, so the server reads the object anew. A field-manager conflict stays a
     * refusal (a person decides who owns the field).
     */
    public static KustosException classifyApply(KubernetesClientException e, URL server, String object, String verb, UnaryOperator<String> scrub) {
        if (e.getCode() == 409 && !fieldManagerConflict(e)) {
            return new TransientException(object + ": " + verb + " failed (HTTP 409, the object changed while Kustos wrote it): "
                    + scrub.apply(serverMessage(e, server)), FailureReason.CHANGED_DURING_WRITE, null);
        }
        return classify(e, server, object, verb, scrub);
    }

    /** Whether a 409 is server-side apply's conflict with another field manager (a cause of type FieldManagerConflict, or its message). */
    static boolean fieldManagerConflict(KubernetesClientException e) {
        var status = e.getStatus();
        if (status == null) {
            return false;
        }
        var details = status.getDetails();
        if (details != null && details.getCauses() != null
                && details.getCauses().stream().anyMatch(c -> "FieldManagerConflict".equals(c.getReason()))) {
            return true;
        }
        return status.getMessage() != null && status.getMessage().startsWith("Apply failed with");
    }

    /** The delay the server asks for in its Status ({@code details.retryAfterSeconds}), else 5 seconds. */
    static Duration retryAfter(KubernetesClientException e) {
        var details = e.getStatus() == null ? null : e.getStatus().getDetails();
        Integer seconds = details == null ? null : details.getRetryAfterSeconds();
        return seconds != null && seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ofSeconds(5);
    }

    public static String serverMessage(KubernetesClientException e, URL server) {
        return ApiFailures.describe(e, server);
    }
}
